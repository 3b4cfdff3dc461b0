import { describe, expect, it } from 'vitest';
import { protectHandle } from '../../../functions/core/protect-handle.ts';
import type { PiiProtector } from '../../../functions/core/ports/pii.ts';
import { testPiiProtector } from '../../support/in-memory-ports.ts';

describe('protectHandle', () => {
  const pii = testPiiProtector();

  it('hashes, seals and masks the normalised handle, never the raw spelling', () => {
    const handle = protectHandle(pii, 'phone', '010-1234-5678');
    expect(handle).toEqual({ kind: 'phone', hash: pii.hash('+821012345678'), sealed: expect.any(String), masked: '+82 10-****-5678' });
    expect(pii.open(handle.sealed)).toBe('+821012345678');
  });

  it('keeps a handle that does not normalise under a raw: prefix, fully masked and unverifiable', () => {
    const handle = protectHandle(pii, 'phone', '  SEOUL120 ');
    expect(handle).toEqual({ kind: 'phone', hash: pii.hash('raw:SEOUL120'), sealed: expect.any(String), masked: '***', unverifiable: true });
    expect(pii.open(handle.sealed)).toBe('raw:SEOUL120');
  });

  it('lets a failure of the protector through instead of filing the citizen under a raw handle', () => {
    const failing: PiiProtector = {
      hash: () => {
        throw new Error('key unavailable');
      },
      seal: (value) => pii.seal(value),
      open: (sealed) => pii.open(sealed),
    };
    expect(() => protectHandle(failing, 'phone', '010-1234-5678')).toThrow('key unavailable');
  });

  it('lets a failure to seal a normalised handle through, even when a raw one would seal', () => {
    const sealsOnlyRaw: PiiProtector = {
      hash: (value) => pii.hash(value),
      seal: (value) => {
        if (!value.startsWith('raw:')) throw new Error('seal key unavailable');
        return pii.seal(value);
      },
      open: (sealed) => pii.open(sealed),
    };
    expect(() => protectHandle(sealsOnlyRaw, 'phone', '010-1234-5678')).toThrow('seal key unavailable');
  });
});
