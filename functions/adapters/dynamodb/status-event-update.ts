import type { VersionedStatusEvent } from '../../core/ports/complaint-repository.ts';
import { compact } from './item-mappers.ts';
import { openDuePartition, openDueSort, statusPartition } from './keys.ts';
import { GSIS } from './table-definition.ts';

export interface ComplaintUpdate {
  expression: string;
  values: Record<string, unknown>;
  names: Record<string, string>;
}

/**
 * The UpdateItem that applies a status event to its complaint (the projection of
 * core/complaint-lifecycle.ts projectStatusEvent), conditional on the complaint being at the
 * event's previous version. It keeps the indexes in step: the status partition, and the
 * open-by-due index, which a complaint is in only while it is open.
 */
export function statusEventUpdate(event: VersionedStatusEvent): ComplaintUpdate {
  const set = ['#status = :to', 'statusVersion = :version', 'updatedAt = :at', '#gsi1pk = :gsi1pk'];
  const values: Record<string, unknown> = { ':to': event.to, ':version': event.version, ':previous': event.version - 1, ':at': event.at, ':gsi1pk': statusPartition(event.to) };
  const names: Record<string, string> = { '#status': 'status', '#gsi1pk': GSIS.byStatus.partitionKey, '#gsi4pk': GSIS.byOpenDue.partitionKey };
  const openDue = openDuePartition(event.to);
  if (openDue) {
    set.push('#gsi4pk = :gsi4pk');
    values[':gsi4pk'] = openDue;
  }
  const assignment = event.assignment;
  if (assignment?.category !== undefined) {
    set.push('#category = :category');
    values[':category'] = assignment.category;
    names['#category'] = 'category';
  }
  if (assignment?.agency !== undefined) {
    set.push('#agency = :agency');
    values[':agency'] = assignment.agency;
    names['#agency'] = 'agency';
  }
  const deadline = event.deadline;
  if (deadline) {
    set.push('petitionType = :petitionType', 'dueAt = :dueAt', '#gsi4sk = :gsi4sk');
    values[':petitionType'] = deadline.petitionType;
    values[':dueAt'] = deadline.dueAt;
    values[':gsi4sk'] = openDueSort({ complaintId: event.complaintId, dueAt: deadline.dueAt, ...(deadline.extendedDueAt ? { extendedDueAt: deadline.extendedDueAt } : {}) });
    names['#gsi4sk'] = GSIS.byOpenDue.sortKey;
    if (deadline.extendedDueAt) {
      set.push('extendedDueAt = :extendedDueAt');
      values[':extendedDueAt'] = deadline.extendedDueAt;
    }
    if (deadline.extension) {
      set.push('deadlineExtension = :extension');
      values[':extension'] = compact(deadline.extension);
    }
  }
  return { expression: `SET ${set.join(', ')}${openDue ? '' : ' REMOVE #gsi4pk'}`, values, names };
}
