// Wrapper drift: panels that send account/info without `data`, or service/info inside `data`, read
// the same as the API document's shapes.
import { describe, expect, it } from 'vitest';
import {
  accountInfoSchema,
  serviceInfoSchema,
  tokenSchema,
} from '../../../../src/main/sources/xmplus/schemas';

const service = { sid: 4, package: 'StarterPack', traffic: '150 GB', used_traffic: '0 B', status: 'Active' };

describe('answer wrappers', () => {
  it('reads account/info with or without the data wrapper', () => {
    const wrapped = accountInfoSchema.parse({
      code: 100,
      data: { email: 'a@b.c', money: '$ 1.00 ', services: [service] },
    });
    const bare = accountInfoSchema.parse({
      code: 100,
      email: 'a@b.c',
      money: '$ 1.00 ',
      services: [service],
    });
    expect(bare.data.email).toBe('a@b.c');
    expect(bare.data.services).toEqual(wrapped.data.services);
  });

  it('reads service/info at the top level or inside data', () => {
    const top = serviceInfoSchema.parse({ code: 100, ...service, servers: [] });
    const inData = serviceInfoSchema.parse({
      code: 100,
      status: 'success',
      data: { ...service, servers: [] },
    });
    expect(inData.sid).toBe(4);
    expect(inData.status).toBe('Active');
    expect(inData.package).toBe(top.package);
  });

  it('reads the token under data or at the top level', () => {
    expect(tokenSchema.parse({ code: 100, data: { token: 'a.b.c#d' } }).data.token).toBe('a.b.c#d');
    expect(tokenSchema.parse({ code: 100, token: 'a.b.c#d' }).data.token).toBe('a.b.c#d');
    expect(tokenSchema.safeParse({ code: 100, data: {} }).success).toBe(false);
  });

  it('still refuses an answer that is neither', () => {
    expect(serviceInfoSchema.safeParse({ code: 100, data: { nothing: true } }).success).toBe(false);
    expect(accountInfoSchema.safeParse({ code: 100 }).success).toBe(false);
  });
});
