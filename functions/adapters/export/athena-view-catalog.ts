import { GetQueryExecutionCommand, StartQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';
import type { ViewCatalog } from '../../core/export/ports.ts';

export interface AthenaViewCatalogConfig {
  readonly workGroup: string;
  readonly database: string;
  /** Between polls of a running DDL statement. */
  readonly pollMs?: number;
  /** Polls before a statement counts as failed. */
  readonly maxPolls?: number;
}

/**
 * Runs each CREATE OR REPLACE VIEW in the auditors' workgroup (its enforced result location and
 * encryption apply); Athena stores the view in the Glue database
 * (https://docs.aws.amazon.com/athena/latest/ug/views.html). DDL statements are not billed.
 */
export class AthenaViewCatalog implements ViewCatalog {
  constructor(
    private readonly athena: AthenaClient,
    private readonly config: AthenaViewCatalogConfig,
  ) {}

  async ensureViews(statements: readonly string[]): Promise<void> {
    for (const statement of statements) await this.run(statement);
  }

  private async run(statement: string): Promise<void> {
    const { QueryExecutionId } = await this.athena.send(
      new StartQueryExecutionCommand({ QueryString: statement, WorkGroup: this.config.workGroup, QueryExecutionContext: { Database: this.config.database } }),
    );
    if (!QueryExecutionId) throw new Error('Athena started no query');
    for (let poll = 0; poll < (this.config.maxPolls ?? 60); poll += 1) {
      const { QueryExecution } = await this.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') throw new Error(`view DDL ${state}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason'}\n${statement}`);
      await new Promise((resolve) => setTimeout(resolve, this.config.pollMs ?? 1000));
    }
    throw new Error(`view DDL did not finish in time (${QueryExecutionId})`);
  }
}
