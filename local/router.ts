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
    // API Gateway picks the resource first, a literal segment before a {parameter}, then the method.
    const candidates = this.routes
      .map((route) => ({ route, params: matchSegments(route.segments, parts) }))
      .filter((candidate): candidate is { route: Route<T>; params: Record<string, string> } => candidate.params !== null);
    if (candidates.length > 0) {
      const resource = candidates.reduce((best, candidate) => (moreSpecific(candidate.route.segments, best.route.segments) ? candidate : best)).route.resource;
      const found = candidates.find((candidate) => candidate.route.resource === resource && candidate.route.method === method);
      if (found) return { target: found.route.target, resource, pathParameters: Object.keys(found.params).length > 0 ? found.params : null };
    }
    // A route of this method wins over a prefix (an API route under the static site's folder); any other path under it is the prefix's.
    for (const entry of this.prefixes) {
      if (pathname.startsWith(entry.prefix) && entry.method === method) {
        return { target: entry.target, resource: `${entry.prefix}{proxy+}`, pathParameters: null };
      }
    }
    return candidates.length > 0 ? 'method-not-allowed' : null;
  }
}

const isParameter = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/** Whether template `a` beats `b` for the same path: the first segment where they differ is literal in `a`. */
function moreSpecific(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const left = isParameter(a[i] ?? '');
    const right = isParameter(b[i] ?? '');
    if (left !== right) return !left;
  }
  return false;
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | null {
  if (template.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const expected = template[i] ?? '';
    const actual = parts[i] ?? '';
    if (isParameter(expected)) {
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
