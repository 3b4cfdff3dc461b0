import { CASE_TEXT_LIMITS, MAX_KEYWORDS } from '../../../schemas/knowledge.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { requireRole, EDITORS } from './actor.ts';
import { canonicalContent, contentHash } from './case-content.ts';
import { writeNextVersion, type VersionPlan } from './case-versions.ts';
import { mapConcurrently } from './concurrency.ts';
import { UnreadableImportError } from './errors.ts';
import { decodeBody, parseContentType, UnsupportedCharsetError } from './import/decode-body.ts';
import { parseNdjson } from './import/ndjson.ts';
import { parseOpenDataCsv } from './import/open-data-csv.ts';
import { parseCasesJson } from './import/open-data-json.ts';
import type { ParsedRows, RejectedRow } from './import/parsed-rows.ts';
import type { Actor, CaseProposal, KnowledgeCase } from './model.ts';
import type { IndexManifestStore, KnowledgeCaseStore } from './ports.ts';
import { rebuildSearchIndex, type RebuildIndexDeps } from './rebuild-index.ts';

export interface ImportResult {
  imported: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export interface ImportKnowledgeDeps extends RebuildIndexDeps {
  cases: KnowledgeCaseStore;
  manifests: IndexManifestStore;
  clock: Clock;
  log: Log;
  /** Rows written at once (each row is one read and up to two conditional writes). */
  concurrency?: number;
}

/** API Gateway's payload limit; larger files belong in S3 (see docs/operations/knowledge.md). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 20_000;

const PARSERS: Record<string, (text: string) => ParsedRows> = {
  'application/x-ndjson': parseNdjson,
  'application/ndjson': parseNdjson,
  'application/jsonl': parseNdjson,
  'text/csv': parseOpenDataCsv,
  'application/json': parseCasesJson,
};

/** Lengths every format shares (the NDJSON schema checks them too; CSV and open-data JSON do not). */
function tooLong(p: CaseProposal): string | null {
  for (const [field, max] of Object.entries(CASE_TEXT_LIMITS) as [keyof typeof CASE_TEXT_LIMITS, number][]) {
    if (p.content[field].length > max) return `${field} is longer than ${max} characters`;
  }
  return p.content.keywords.length > MAX_KEYWORDS ? `more than ${MAX_KEYWORDS} keywords` : null;
}

/** Plans one imported row against the case's head (idempotent by caseId + version, and by content). */
export function planImport(proposal: CaseProposal, actor: Actor, at: string): (head: KnowledgeCase | null) => VersionPlan {
  const content = canonicalContent(proposal.content);
  const hash = contentHash(content);
  const status = proposal.status ?? 'published';
  return (head) => {
    if (proposal.version !== undefined && head && proposal.version <= head.version) {
      if (proposal.version === head.version && head.contentHash === hash) return { unchanged: head };
      return { refuse: new Error(`version ${proposal.version} of ${proposal.caseId} already exists with other content (the case is at version ${head.version})`) };
    }
    if (proposal.version !== undefined && proposal.version !== (head?.version ?? 0) + 1) {
      return { refuse: new Error(`version ${proposal.version} of ${proposal.caseId} skips versions: the case is at version ${head?.version ?? 0}`) };
    }
    // Same content: nothing to do, and an import never brings a retired case back unchanged.
    if (head && head.contentHash === hash && (head.status === status || head.status === 'retired')) return { unchanged: head };
    return {
      write: {
        caseId: proposal.caseId,
        ...content,
        status,
        updatedAt: proposal.updatedAt ?? at,
        contentHash: hash,
        recordedAt: at,
        recordedBy: actor,
        ...(proposal.source ? { source: proposal.source } : {}),
      },
    };
  };
}

/**
 * `POST /api/knowledge/import`: our NDJSON, or the 120 Dasan FAQ open data as CSV (UTF-8 or
 * CP949) or JSON. Good rows import even when others are rejected; importing the same file
 * again changes nothing. The search index is rebuilt when anything changed.
 */
export function createImportKnowledge(deps: ImportKnowledgeDeps) {
  return async function importKnowledge(body: Uint8Array | string, contentType: string | undefined, actor: Actor): Promise<ImportResult> {
    requireRole(actor, EDITORS, 'import knowledge');
    const { mediaType, charset } = parseContentType(contentType);
    const parser = PARSERS[mediaType];
    if (!parser) throw new UnreadableImportError(`unsupported content type "${mediaType}": send application/x-ndjson, text/csv or application/json`, 415);
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (size > MAX_IMPORT_BYTES) throw new UnreadableImportError(`the file is ${size} bytes; at most ${MAX_IMPORT_BYTES} per request`, 413);
    let text: string;
    try {
      text = decodeBody(body, charset).text;
    } catch (error) {
      if (error instanceof UnsupportedCharsetError) throw new UnreadableImportError(error.message, 415);
      throw error;
    }
    const parsed = parser(text);
    if (parsed.rows.length > MAX_ROWS) throw new UnreadableImportError(`the file has ${parsed.rows.length} cases; at most ${MAX_ROWS} per request`, 413);

    const rejected = [...parsed.rejected];
    const firstLine = new Map<string, number>();
    const accepted: { line: number; proposal: CaseProposal }[] = [];
    for (const row of parsed.rows) {
      const problem = tooLong(row.proposal);
      const key = `${row.proposal.caseId}#${row.proposal.version ?? ''}`;
      const earlier = firstLine.get(key);
      if (problem) rejected.push({ line: row.line, reason: problem });
      else if (earlier !== undefined) rejected.push({ line: row.line, reason: `${row.proposal.caseId} appears again (first on line ${earlier})` });
      else {
        firstLine.set(key, row.line);
        accepted.push(row);
      }
    }

    const at = deps.clock.now().toISOString();
    const heads = await deps.cases.getHeads([...new Set(accepted.map((r) => r.proposal.caseId))]);
    // Rows of one case (explicit versions 1, 2, ...) go in file order; different cases in parallel.
    const byCase = new Map<string, { line: number; proposal: CaseProposal }[]>();
    for (const row of accepted) byCase.set(row.proposal.caseId, [...(byCase.get(row.proposal.caseId) ?? []), row]);
    let imported = 0;
    let unchanged = 0;
    let newestTouched = '';
    await mapConcurrently([...byCase.values()], deps.concurrency ?? 8, async (rows) => {
      let head = heads.get(rows[0]!.proposal.caseId) ?? null;
      for (const { line, proposal } of rows) {
        const outcome = await writeNextVersion(deps.cases, proposal.caseId, planImport(proposal, actor, at), head);
        if (outcome.outcome === 'refused') {
          rejected.push({ line, reason: outcome.error.message });
          continue;
        }
        head = outcome.case;
        if (outcome.case.recordedAt > newestTouched) newestTouched = outcome.case.recordedAt;
        if (outcome.outcome === 'written') imported += 1;
        else unchanged += 1;
      }
    });

    // Also rebuild when a previous import of these rows was cut short before its rebuild.
    const manifest = await deps.manifests.get();
    if (imported > 0 || !manifest || newestTouched > manifest.builtAt) await rebuildSearchIndex(deps);
    rejected.sort((a, b) => a.line - b.line);
    deps.log.info('knowledge import', { mediaType, imported, unchanged, rejected: rejected.length, actor: actor.id });
    return { imported, unchanged, rejected };
  };
}
