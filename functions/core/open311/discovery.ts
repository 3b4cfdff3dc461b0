import { ListOf, type Document } from './document.ts';

/** The specification token GeoReport v2 endpoints name in Service Discovery. */
export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

/**
 * Service Discovery (wiki.open311.org/Service_Discovery): required of GeoReport v2 servers, in
 * XML and JSON. `changeset` moves when the service list or a definition changes: the date of
 * the service table's last change, set by whoever changes it.
 */
export function discoveryDocument(options: { endpointUrl: string; changeset: string; contact: string; keyService: string; production: boolean }): Document {
  return {
    root: 'discovery',
    body: {
      changeset: options.changeset,
      contact: options.contact,
      key_service: options.keyService,
      endpoints: new ListOf('endpoint', [
        {
          specification: GEOREPORT_V2,
          url: options.endpointUrl,
          changeset: options.changeset,
          type: options.production ? 'production' : 'test',
          formats: new ListOf('format', ['text/xml', 'application/json']),
        },
      ]),
    },
  };
}
