import { claimsOf, sessionOf } from '../../../../functions/users/domain/session';

const tokenWith = (claims: Record<string, unknown>): string =>
  ['{"alg":"RS256"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .concat('signature')
    .join('.');

describe('sessionOf', () => {
  it('answers a Bearer session with the lifetime Cognito reports', () => {
    expect(sessionOf('token', 3600, 1000)).toEqual({
      accessToken: 'token',
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
  });

  it("takes the lifetime from the token's exp when Cognito does not report one (cognito-local)", () => {
    expect(sessionOf(tokenWith({ exp: 4600 }), undefined, 1000).expiresIn).toBe(3600);
  });

  it('never answers a negative lifetime', () => {
    expect(sessionOf(tokenWith({ exp: 10 }), undefined, 1000).expiresIn).toBe(0);
  });
});

describe('claimsOf', () => {
  it('reads the claims of a token', () => {
    expect(claimsOf(tokenWith({ sub: 'u-1' }))).toEqual({ sub: 'u-1' });
  });

  it('reads nothing from something that is not a token', () => {
    expect(claimsOf('garbage')).toEqual({});
    expect(claimsOf('a.bm90IGpzb24.c')).toEqual({});
  });
});
