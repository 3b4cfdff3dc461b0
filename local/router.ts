export interface RouteMatch<T> {
  target: T;
  resource: string;
  pathParameters: Record<string, string> | null;
}

interface Route<T> {
  method: string;
  resource: string;
  segments: string[];
  target: T;
}

/** Matches paths against API Gateway-style resource templates such as /api/complaints/{id}. */
export class Router<T> {
  private readonly routes: Route<T>[] = [];
  private readonly prefixes: Array<{ method: string; prefix: string; target: T }> = [];

  add(method: string, resource: string, target: T): this {
    this.routes.push({ method, resource, segments: resource.split('/').filter(Boolean), target });
    return this;
  }

  /** Routes written as a Lambda module exports them: 'POST /chat/accounts'. */
  addRoutes(routes: readonly string[], target: T): this {
    for (const route of routes) {
      const [method = '', resource = ''] = route.split(' ');
      this.add(method, resource, target);
    }
    return this;
  }

  /** Every route and its target, in the order added (tests check what each /api route requires). */
  list(): Array<{ method: string; resource: string; target: T }> {
    return this.routes.map(({ method, resource, target }) => ({ method, resource, target }));
  }

  /** Every path under `prefix` (which ends with '/'), e.g. static files. */
  addPrefix(method: string, prefix: string, target: T): this {
    this.prefixes.push({ method, prefix, target });
    return this;
  }

  match(method: string, pathname: string): RouteMatch<T> | 'method-not-allowed' | null {
    const parts = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    // A route of this method wins over a prefix (an API route under the static site's folder).
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return { target: route.target, resource: route.resource, pathParameters: Object.keys(params).length > 0 ? params : null };
    }
    for (const entry of this.prefixes) {
      if (pathname.startsWith(entry.prefix) && entry.method === method) {
        return { target: entry.target, resource: `${entry.prefix}{proxy+}`, pathParameters: null };
      }
    }
    return pathMatched ? 'method-not-allowed' : null;
  }
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | null {
  if (template.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const expected = template[i] ?? '';
    const actual = parts[i] ?? '';
    if (expected.startsWith('{') && expected.endsWith('}')) {
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}
