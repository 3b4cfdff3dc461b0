import { describe, expect, it } from 'vitest';
import { Router } from '../../../local/router.ts';

describe('local router', () => {
  it('prefers a literal path segment over a path parameter, as API Gateway does, whatever the order routes were added in', () => {
    const router = new Router<string>().add('GET', '/api/complaints/{id}', 'detail').add('GET', '/api/complaints/overdue', 'overdue').add('POST', '/api/complaints/search', 'search');
    expect(router.match('GET', '/api/complaints/overdue')).toMatchObject({ target: 'overdue', resource: '/api/complaints/overdue', pathParameters: null });
    expect(router.match('GET', '/api/complaints/20260302-7K3QZ-M8D1X')).toMatchObject({ target: 'detail', pathParameters: { id: '20260302-7K3QZ-M8D1X' } });
    expect(router.match('POST', '/api/complaints/search')).toMatchObject({ target: 'search' });
    // A method only the parameter route lacks is still "method not allowed", not the other route.
    expect(router.match('DELETE', '/api/complaints/overdue')).toBe('method-not-allowed');
  });

  it('matches the resource first and the method second: a literal resource hides the parameter one for every method', () => {
    const router = new Router<string>().add('GET', '/api/complaints/{id}', 'detail').add('POST', '/api/complaints/search', 'search');
    expect(router.match('GET', '/api/complaints/search')).toBe('method-not-allowed');
  });
});

describe('local router under a static prefix', () => {
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
