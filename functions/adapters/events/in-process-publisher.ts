import { EventEmitter } from 'node:events';
import type { DomainEvent, EventPublisher } from '../../core/ports/events.ts';

/** Local stand-in for EventBridge: subscribers in the same process (console, chat push). */
export class InProcessPublisher implements EventPublisher {
  private readonly emitter = new EventEmitter();
  readonly published: DomainEvent[] = [];

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.published.push(event);
      if (this.published.length > 1000) this.published.shift();
      this.emitter.emit('event', event);
    }
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
