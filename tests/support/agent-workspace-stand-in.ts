import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { AcknowledgeMessage, PublishMessage, RequestMessage, ResponseMessage, SubscribeMessage } from '@amazon-connect/core';
import type { AppConfig, LifecycleMessage } from '@amazon-connect/workspace-types';

/**
 * A stand-in for the Amazon Connect agent workspace: a page on its own origin that frames the
 * workspace app and speaks the Amazon Connect SDK's messaging protocol to it, as the SDK
 * (@amazon-connect/core, @amazon-connect/app) defines it: the app posts `connect-app-host-init`
 * with a MessagePort; the host acknowledges on the port, sends the `create` lifecycle with the
 * contact scope, answers `contact/getAttributes` requests and publishes contact events to the
 * subscriptions the app made. Message shapes are the SDK's own types.
 */
export interface StandIn {
  origin: string;
  close(): Promise<void>;
}

export async function startStandInHost(): Promise<StandIn> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>agent workspace stand-in</title></head><body><h1>Agent workspace stand-in</h1><iframe id="app" title="counselor workspace app" width="1000" height="900"></iframe></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface HostedContact {
  contactId: string;
  /** Attribute values as the workspace holds them. */
  attributes: Record<string, string>;
}

interface HostSetup {
  appUrl: string;
  contacts: HostedContact[];
  acknowledge: AcknowledgeMessage;
  create: LifecycleMessage;
}

/** What the host saw of the app: every upstream message type (and request command), in order. */
export interface HostLog {
  messages: string[];
  subscriptions: Array<Pick<SubscribeMessage, 'topic' | 'handlerId'>>;
}

declare global {
  interface Window {
    standIn?: { log: HostLog; connect(contactId: string): void };
  }
}

/** Runs in the stand-in page: frames the app and plays the workspace's side of the protocol. */
function playWorkspace(setup: HostSetup): void {
  const frame = document.getElementById('app') as HTMLIFrameElement;
  const log: HostLog = { messages: [], subscriptions: [] };
  let port: MessagePort | undefined;
  const attributes = new Map(setup.contacts.map((contact) => [contact.contactId, contact.attributes]));
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.data?.type !== 'connect-app-host-init') return;
    port = event.ports[0];
    if (!port) return;
    const channel = port;
    channel.onmessage = (message: MessageEvent) => {
      const upstream = message.data as { type: string; command?: string };
      log.messages.push(upstream.command ? `${upstream.type}:${upstream.command}` : upstream.type);
      if (upstream.type === 'subscribe') {
        const { topic, handlerId } = message.data as SubscribeMessage;
        log.subscriptions.push({ topic, handlerId });
      }
      if (upstream.type === 'request' && upstream.command === 'contact/getAttributes') {
        const request = message.data as RequestMessage<{ contactId: string; attributes: string[] }>;
        const known = attributes.get(request.data.contactId) ?? {};
        // Values as the SDK declares them (strings); the adapter also reads { name, value }.
        const data = Object.fromEntries(request.data.attributes.filter((name) => name in known).map((name) => [name, known[name]]));
        const response: ResponseMessage = { type: 'response', namespace: request.namespace, requestId: request.requestId, isError: false, data };
        channel.postMessage(response);
      }
    };
    channel.postMessage(setup.acknowledge);
    channel.postMessage(setup.create);
  });
  window.standIn = {
    log,
    connect(contactId: string) {
      const subscription = log.subscriptions.find((candidate) => candidate.topic.key === 'contact/connected');
      if (!port || !subscription) throw new Error('the app has not subscribed to contact/connected');
      const event: PublishMessage = { type: 'publish', topic: subscription.topic, handlerId: subscription.handlerId, data: { contactId, initialContactId: contactId, type: 'chat', subtype: 'connect:Chat' } };
      port.postMessage(event);
    },
  };
  frame.src = setup.appUrl;
}

/** Loads the stand-in page, which frames `appUrl` as the app instance of the first contact. */
export async function hostApp(page: Page, standIn: StandIn, appUrl: string, contacts: HostedContact[]): Promise<void> {
  const first = contacts[0];
  if (!first) throw new Error('the workspace needs a contact to open the app for');
  await page.goto(`${standIn.origin}/`);
  // What the workspace knows of the app from its AppIntegrations registration.
  const config: AppConfig = {
    _type: 'iframe',
    arn: 'arn:aws:app-integrations:ap-northeast-2:111122223333:application/00000000-0000-0000-0000-000000000001',
    id: '00000000-0000-0000-0000-000000000001',
    namespace: 'counselor-workspace',
    name: 'counselor-workspace',
    description: '120 counselor workspace',
    accessUrl: appUrl,
    contactHandling: { scope: 'PER_CONTACT' },
    permissions: ['Contact.Details.View', 'Contact.Attributes.View'],
  };
  const create: LifecycleMessage = {
    type: 'appLifecycle',
    stage: 'create',
    instanceId: 'app-instance-1',
    appInstanceId: 'app-instance-1',
    config,
    appConfig: config,
    scope: { type: 'contact', contactId: first.contactId },
    region: 'ap-northeast-2',
  };
  const acknowledge: AcknowledgeMessage = { type: 'acknowledge', connectionId: 'connection-1', status: { initialized: true, startTime: new Date() }, healthCheckInterval: 0 };
  await page.evaluate(playWorkspace, { appUrl, contacts, acknowledge, create });
}

export const hostLog = (page: Page): Promise<HostLog | undefined> => page.evaluate(() => window.standIn?.log);
