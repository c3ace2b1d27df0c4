// Key design of the users table (one partition per user):
//   profile  pk=USER#<userId>  sk=PROFILE
//            userId, email (normalised), name, phone?, createdAt, updatedAt
// The userId is the Cognito identity's `sub`, the `sub` of the caller's access token, so a
// signed-in request reads its profile with one GetItem. The e-mail address needs no item of its
// own: Cognito keeps it unique (one identity per address), and the profile follows the identity.
//   outbox   pk=OUTBOX#<eventId>  sk=OUTBOX: UserRegistered, written with the profile
//            (functions/lib/outbox.ts)
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionalCheckFailed } from '../lib/dynamo/conditional-writes';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { NotFound } from '../lib/errors';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item } from '../lib/dynamo/table';
import { outboxPut } from '../lib/outbox';
import { changedFields, userRegistered, type Profile, type ProfileChanges } from './domain/profile';

const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });

const toProfile: (item: Item) => Profile = storedItem(
  z.object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    phone: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

const profileNotFound = () => new NotFound('There is no profile for this user');

export const createUsersRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);
  const getProfile = (userId: string): Promise<Profile | undefined> =>
    table.get(profileKey(userId), toProfile);

  return {
    /**
     * Writes the profile once: a second write for the same user leaves the first as it is and
     * reports `created: false`, so a repeated registration cannot overwrite a profile. The
     * profile and its UserRegistered event are one transaction: both are written or neither.
     */
    async createProfile(profile: Profile): Promise<{ created: boolean }> {
      try {
        await table.transact([
          table.putNewItem({ ...profileKey(profile.userId), ...profile }),
          outboxPut(tableName, userRegistered(profile)),
        ]);
        return { created: true };
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return { created: false };
        throw error;
      }
    },

    getProfile,

    /** Sets the given fields of an existing profile; nothing to set is a read. */
    async updateProfile(userId: string, changes: ProfileChanges, now: string): Promise<Profile> {
      const fields = Object.entries(changedFields(changes));
      if (fields.length === 0) {
        const profile = await getProfile(userId);
        if (!profile) throw profileNotFound();
        return profile;
      }
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(userId),
            UpdateExpression: `SET ${[...fields.map((_, index) => `#f${index} = :f${index}`), 'updatedAt = :now'].join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(
              fields.map(([field], index) => [`#f${index}`, field]),
            ),
            ExpressionAttributeValues: {
              ...Object.fromEntries(fields.map(([, value], index) => [`:f${index}`, value])),
              ':now': now,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toProfile(Attributes ?? {});
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw profileNotFound();
        throw error;
      }
    },
  };
};

export type UsersRepository = ReturnType<typeof createUsersRepository>;
