// Inside the Amazon Connect agent workspace: the app registers with the workspace through the
// Amazon Connect SDK (@amazon-connect/app) and reads the current contact's attributes through the
// contact client (@amazon-connect/contact). Every contact the gateway puts in Connect carries the
// complaint it is about: `complaintId` (and `receiptNo`) as contact attributes.
// TypeScript (bundled by esbuild like the rest), so the SDK's own types check how it is called.
import { AmazonConnectApp, type AppContext, type AppCreateEvent } from '@amazon-connect/app';
import { ContactClient, type ContactConnected } from '@amazon-connect/contact';

/** The attributes the gateway sets on voice, chat and task contacts (functions/core/voice). */
export const COMPLAINT_ATTRIBUTES = ['complaintId', 'receiptNo'];

type AmazonConnectProvider = ReturnType<typeof AmazonConnectApp.init>['provider'];

/** What the embedding needs of the contact client (the tests' stand-in implements just this). */
export interface ContactsPort {
  getAttributes(contactId: string, attributes: string[]): Promise<Record<string, unknown>>;
  onConnected(handler: (event: Pick<ContactConnected, 'contactId'>) => void | Promise<void>): void;
}

export interface ConnectSdk {
  AmazonConnectApp: { init(config: { onCreate: (event: AppCreateEvent) => Promise<void>; onDestroy?: () => Promise<void> }): { provider: AmazonConnectProvider } };
  ContactClient: new (config: { provider: AmazonConnectProvider }) => ContactsPort;
}

/** The SDK declares string values; the workspace documentation shows `{ name, value }`: take either. */
export function attributeValue(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'value' in value && typeof value.value === 'string' ? value.value : undefined;
  return text?.trim() || undefined;
}

/** The complaint a contact is about: its complaint id, else its receipt number; null for other contacts. */
export async function complaintRefForContact(contacts: Pick<ContactsPort, 'getAttributes'>, contactId: string): Promise<string | null> {
  const attributes = (await contacts.getAttributes(contactId, COMPLAINT_ATTRIBUTES)) ?? {};
  return attributeValue(attributes.complaintId) ?? attributeValue(attributes.receiptNo) ?? null;
}

/** The contact the app instance was opened for (per-contact scope), if any. */
export function scopedContactId(context: Pick<AppContext, 'scope' | 'contactScope'> | undefined): string | undefined {
  const scope = context?.scope;
  if (scope?.type === 'contact') return scope.contactId;
  // Workspaces that predate `scope` send the deprecated `contactScope`.
  return scope === undefined ? context?.contactScope?.contactId : undefined;
}

export interface EmbeddedOptions {
  /** Opens a complaint by id or receipt number. */
  open(ref: string): void;
  /** Tells the counselor what the embedding is doing (a status line). */
  report(message: string): void;
  sdk?: ConnectSdk;
}

/**
 * Connects to the agent workspace and opens the complaint of the contact the app was opened for,
 * then of every contact the agent connects to while it runs.
 */
export function startEmbedded({ open, report, sdk = { AmazonConnectApp, ContactClient } }: EmbeddedOptions) {
  let contacts: ContactsPort | null = null;
  const opened = new Set<string>();
  const openFor = async (contactId: string | undefined): Promise<void> => {
    if (!contactId || !contacts) return;
    try {
      const ref = await complaintRefForContact(contacts, contactId);
      if (!ref) {
        report('이 연락에는 민원 정보가 없습니다 · This contact names no complaint');
        return;
      }
      if (opened.has(`${contactId}:${ref}`)) return;
      opened.add(`${contactId}:${ref}`);
      report(`연락 ${contactId}의 민원을 엽니다 · Opening the complaint of contact ${contactId}`);
      open(ref);
    } catch (error) {
      report(`연락 정보를 읽지 못했습니다 · Could not read the contact: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const { provider } = sdk.AmazonConnectApp.init({
    onCreate: async (event) => {
      report('상담 화면에 연결되었습니다 · Connected to the agent workspace');
      await openFor(scopedContactId(event.context));
    },
    onDestroy: async () => undefined,
  });
  contacts = new sdk.ContactClient({ provider });
  // A cross-contact instance follows the agent from contact to contact.
  contacts.onConnected((event) => openFor(event.contactId));
  return { provider, contacts, openFor };
}
