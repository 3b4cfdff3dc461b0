import { describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../../local/config.ts';
import { startBanner } from '../../../local/start-banner.ts';

describe('npm start banner', () => {
  it('lists the counselor workspace app and the citizen chat page beside the webhooks and the API', () => {
    const config = loadLocalConfig({ PORT: '4100' });
    const staff = {
      config: { endpoint: 'http://127.0.0.1:9229', region: 'ap-northeast-2', userPoolId: 'local_x', clientId: 'c', users: [{ username: 'counselor1@example.org', role: 'counselor' as const }] },
      idTokenFor: async () => '',
    };
    const banner = startBanner({ url: 'http://127.0.0.1:4100', dynamoEndpoint: 'http://127.0.0.1:8120', translatorName: 'unavailable', staff }, config);
    expect(banner).toContain('counselor app     http://127.0.0.1:4100/console/');
    expect(banner).toContain('http://127.0.0.1:4100/chat/');
    expect(banner).toContain('http://127.0.0.1:4100/api/complaints');
    expect(banner).toContain('http://127.0.0.1:4100/api/dead-letters');
    expect(banner).toContain('audit trail       http://127.0.0.1:4100/api/audit   (auditors; digests under');
    expect(banner).toContain('staff sign-in     http://127.0.0.1:9229');
    expect(banner).toContain('counselor1@example.org');
    expect(banner).toContain('Local-Passw0rd! (the documented local default)');
  });
});
