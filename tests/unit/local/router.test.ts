import { describe, expect, it } from 'vitest';
import { Router } from '../../../local/router.ts';

describe('local Router', () => {
  const router = new Router<string>().addPrefix('GET', '/chat/', 'static').add('GET', '/chat/push/key', 'push-key').add('POST', '/chat/accounts', 'accounts');

  it('serves a route of the same method under a static prefix from the route, as API Gateway would', () => {
    expect(router.match('GET', '/chat/push/key')).toMatchObject({ target: 'push-key', resource: '/chat/push/key' });
  });

  it('leaves every other path under the prefix to the prefix, including a route path asked with another method', () => {
    expect(router.match('GET', '/chat/chat.js')).toMatchObject({ target: 'static' });
    expect(router.match('GET', '/chat/accounts')).toMatchObject({ target: 'static' });
    expect(router.match('PUT', '/chat/accounts')).toBe('method-not-allowed');
  });
});
