import { describe, expect, it } from 'vitest';
import type { AppCreateEvent } from '@amazon-connect/app';
import { attributeValue, complaintRefForContact, scopedContactId, startEmbedded, type ConnectSdk, type ContactsPort } from '../../../web/console/src/connect-embed.ts';

/**
 * A stand-in for the two SDK modules: it records how the app calls them and lets the test play the
 * workspace (create the app instance for a contact, connect the agent to another contact).
 */
function fakeSdk(attributes: Record<string, Record<string, unknown>>) {
  const calls: Array<{ contactId: string; attributes: string[] }> = [];
  let onCreate: ((event: AppCreateEvent) => Promise<void>) | undefined;
  let onConnected: ((event: { contactId: string }) => void | Promise<void>) | undefined;
  const provider = { id: 'provider-1' };
  class Contacts implements ContactsPort {
    constructor(readonly config: { provider: unknown }) {}
    async getAttributes(contactId: string, names: string[]) {
      calls.push({ contactId, attributes: names });
      const all = attributes[contactId];
      if (!all) throw new Error(`no contact ${contactId}`);
      return Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]]));
    }
    onConnected(handler: (event: { contactId: string }) => void | Promise<void>) {
      onConnected = handler;
    }
  }
  const sdk = {
    AmazonConnectApp: {
      init(config: { onCreate: (event: AppCreateEvent) => Promise<void> }) {
        onCreate = config.onCreate;
        return { provider };
      },
    },
    ContactClient: Contacts,
  } as unknown as ConnectSdk;
  return {
    sdk,
    calls,
    create: (scope: Record<string, unknown>) => onCreate?.({ stage: 'create', context: scope } as unknown as AppCreateEvent),
    connect: (contactId: string) => onConnected?.({ contactId }),
  };
}

describe('the agent-workspace adapter: contact to complaint', () => {
  it('opens the complaint named by the contact the app instance was created for', async () => {
    const workspace = fakeSdk({ 'contact-1': { complaintId: { name: 'complaintId', value: 'cmp_abc' }, receiptNo: '20260302-7K3QZ-M8D1X' } });
    const opened: string[] = [];
    const reports: string[] = [];
    startEmbedded({ open: (ref) => opened.push(ref), report: (message) => reports.push(message), sdk: workspace.sdk });
    await workspace.create({ scope: { type: 'contact', contactId: 'contact-1' } });
    expect(workspace.calls).toEqual([{ contactId: 'contact-1', attributes: ['complaintId', 'receiptNo'] }]);
    expect(opened).toEqual(['cmp_abc']);
    expect(reports[0]).toMatch(/Connected to the agent workspace/);
  });

  it('falls back to the receipt number, follows the agent to the next contact, and opens each once', async () => {
    const workspace = fakeSdk({ 'contact-2': { receiptNo: '20260302-7K3QZ-M8D1X' }, 'contact-3': { complaintId: 'cmp_def' } });
    const opened: string[] = [];
    startEmbedded({ open: (ref) => opened.push(ref), report: () => undefined, sdk: workspace.sdk });
    await workspace.create({ scope: { type: 'idle' } });
    expect(opened).toEqual([]);
    await workspace.connect('contact-2');
    await workspace.connect('contact-3');
    await workspace.connect('contact-3');
    expect(opened).toEqual(['20260302-7K3QZ-M8D1X', 'cmp_def']);
  });

  it('says so when a contact names no complaint or cannot be read, and opens nothing', async () => {
    const workspace = fakeSdk({ 'contact-4': { queue: 'general' } });
    const opened: string[] = [];
    const reports: string[] = [];
    startEmbedded({ open: (ref) => opened.push(ref), report: (message) => reports.push(message), sdk: workspace.sdk });
    await workspace.connect('contact-4');
    await workspace.connect('contact-unknown');
    expect(opened).toEqual([]);
    expect(reports).toEqual([expect.stringMatching(/names no complaint/), expect.stringMatching(/Could not read the contact: no contact contact-unknown/)]);
  });

  it('reads attribute values in both shapes the SDK and its documentation show, and scope in both generations', async () => {
    expect(attributeValue('cmp_1')).toBe('cmp_1');
    expect(attributeValue({ name: 'complaintId', value: ' cmp_2 ' })).toBe('cmp_2');
    expect(attributeValue({ name: 'complaintId' })).toBeUndefined();
    expect(attributeValue('')).toBeUndefined();
    expect(await complaintRefForContact({ getAttributes: async () => ({}) }, 'c')).toBeNull();
    expect(scopedContactId({ scope: { type: 'contact', contactId: 'c-1' } })).toBe('c-1');
    expect(scopedContactId({ scope: { type: 'idle' } })).toBeUndefined();
    expect(scopedContactId({ contactScope: { type: 'contact', contactId: 'c-2' } } as never)).toBe('c-2');
  });
});
