import {
  changedFields,
  emailAddress,
  newPassword,
  newProfile,
  normaliseEmail,
  personName,
  phoneNumber,
  profileView,
  userRegistered,
} from '../../../../functions/users/domain/profile';
import { userRegisteredEventSchema } from '../../../../contracts/events';

const NOW = '2030-01-02T03:04:05.000Z';

describe('e-mail addresses', () => {
  it('normalises an address to one spelling: trimmed and lower-case', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('accepts an address in any case and yields its normal form', () => {
    expect(emailAddress.parse(' Admin@Shop.Local ')).toBe('admin@shop.local');
  });

  it.each([['not-an-address'], ['a@b'], [''], [42], [null]])('refuses %p', (value) => {
    expect(emailAddress.safeParse(value).success).toBe(false);
  });
});

describe('passwords for a new account', () => {
  it('accepts 8 characters of any kind (API.md: at least 8 chars, nothing more)', () => {
    expect(newPassword.safeParse('abcdefgh').success).toBe(true);
  });

  it('refuses 7 characters, saying why', () => {
    const result = newPassword.safeParse('abcdefg');
    expect(result.error?.issues[0]?.message).toBe('must be at least 8 characters');
  });

  it('refuses more than Cognito takes (256)', () => {
    expect(newPassword.safeParse('x'.repeat(257)).success).toBe(false);
  });
});

describe('names and phone numbers', () => {
  it('trims a name and refuses a blank one', () => {
    expect(personName.parse('  Ada  ')).toBe('Ada');
    expect(personName.safeParse('   ').success).toBe(false);
  });

  it.each([['+44 20 7946 0958'], ['(555) 010-0100'], ['0123456']])(
    'accepts the phone %p',
    (phone) => {
      expect(phoneNumber.safeParse(phone).success).toBe(true);
    },
  );

  it.each([['call me'], ['12'], ['+']])('refuses the phone %p', (phone) => {
    expect(phoneNumber.safeParse(phone).success).toBe(false);
  });
});

describe('profiles', () => {
  it('starts a profile with the normalised address and both timestamps at now', () => {
    expect(newProfile('u-1', { email: 'Ada@Example.com', name: 'Ada' }, NOW)).toEqual({
      userId: 'u-1',
      email: 'ada@example.com',
      name: 'Ada',
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('keeps the phone when one is given', () => {
    expect(
      newProfile('u-1', { email: 'a@b.co', name: 'A', phone: '+1 555 0100' }, NOW),
    ).toMatchObject({
      phone: '+1 555 0100',
    });
  });

  it('shows the profile with the admin flag and without an absent phone', () => {
    const profile = newProfile('u-1', { email: 'a@b.co', name: 'A' }, NOW);

    expect(profileView(profile, true)).toEqual({
      userId: 'u-1',
      email: 'a@b.co',
      name: 'A',
      isAdmin: true,
    });
  });

  it('treats an empty change set as no change at all', () => {
    expect(changedFields({})).toEqual({});
    expect(changedFields({ name: undefined, phone: '+1 555 0100' })).toEqual({
      phone: '+1 555 0100',
    });
  });

  it('describes a registration as a UserRegistered event its subscribers accept', () => {
    const event = userRegistered(newProfile('u-1', { email: 'a@b.co', name: 'A' }, NOW));

    expect(userRegisteredEventSchema.parse(event)).toEqual({
      eventType: 'UserRegistered',
      userId: 'u-1',
      email: 'a@b.co',
      name: 'A',
      occurredAt: NOW,
    });
  });
});
