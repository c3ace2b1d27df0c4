import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { allFunctionsEnvironment, type ResolvedServerlessConfig } from './serverless-config';
import { HOST, url } from './settings';

/**
 * cognito-local's data files, made from the resolved serverless.yml: the user pool, app client
 * and groups of resources/identity.yml under the fixed ids of `custom.local`, so the functions'
 * COGNITO_* variables name a pool and client that exist, and the tokens' `iss` is AUTH_ISSUER.
 *
 * The format is cognito-local 5.3's (lib/server/defaults.ts, lib/services/cognitoService.ts,
 * lib/services/dataStore/stormDb.ts), relative to its working directory:
 *   .cognito/config.json        merged over its defaults (server address, issuer, pool defaults)
 *   .cognito/db/clients.json    { Clients: { <clientId>: app client } }
 *   .cognito/db/<poolId>.json   { Users, Groups: { <name>: group } }; the pool's id is the file
 *                               name, and its Options are built from config's UserPoolDefaults
 * Keys ending in "Date" are ISO strings on disk (it revives them as Dates).
 */
const identityConfigSchema = z.looseObject({
  custom: z.looseObject({
    local: z.looseObject({
      accountId: z.string(),
      cognitoUserPoolId: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/),
      cognitoClientId: z.string().regex(/^[\w+]+$/),
    }),
  }),
  provider: z.looseObject({ region: z.string() }),
});

const userPoolSchema = z.looseObject({
  UserPoolName: z.string().optional(),
  UsernameAttributes: z.array(z.string()).optional(),
  Policies: z.record(z.string(), z.unknown()).optional(),
  MfaConfiguration: z.string().optional(),
});

const clientSchema = z.looseObject({
  ClientName: z.string().optional(),
  ExplicitAuthFlows: z.array(z.string()).optional(),
  PreventUserExistenceErrors: z.string().optional(),
  EnableTokenRevocation: z.boolean().optional(),
  AccessTokenValidity: z.number().optional(),
  IdTokenValidity: z.number().optional(),
  RefreshTokenValidity: z.number().optional(),
  TokenValidityUnits: z.record(z.string(), z.string()).optional(),
});

const groupSchema = z.looseObject({
  GroupName: z.string(),
  Description: z.string().optional(),
  Precedence: z.number().optional(),
});

export interface CognitoLocalIdentity {
  userPoolId: string;
  clientId: string;
  /** The `iss` of the pool's tokens, which AUTH_ISSUER must equal. */
  issuer: string;
}

export type SeedFiles = Record<string, unknown>;

/** The files to write under cognito-local's working directory, by relative path. */
export function cognitoLocalSeed(
  resolved: ResolvedServerlessConfig,
  port: number,
  now = new Date(),
): { identity: CognitoLocalIdentity; files: SeedFiles } {
  const config = identityConfigSchema.parse(resolved);
  const {
    cognitoUserPoolId: userPoolId,
    cognitoClientId: clientId,
    accountId,
  } = config.custom.local;
  const issuerDomain = url(port);
  const issuer = `${issuerDomain}/${userPoolId}`;
  const authIssuer = allFunctionsEnvironment(resolved).AUTH_ISSUER;
  if (authIssuer !== issuer) {
    throw new Error(
      `AUTH_ISSUER is ${authIssuer}, but cognito-local issues tokens as ${issuer}: serverless.yml's params.local.authIssuer and the Cognito port (SHOP_COGNITO_PORT) disagree`,
    );
  }

  const pool = userPoolSchema.parse(onlyPropertiesOf(resolved, 'AWS::Cognito::UserPool'));
  const client = clientSchema.parse(onlyPropertiesOf(resolved, 'AWS::Cognito::UserPoolClient'));
  const groups = propertiesOf(resolved, 'AWS::Cognito::UserPoolGroup').map((group) =>
    groupSchema.parse(group),
  );
  const date = now.toISOString();

  const files: SeedFiles = {
    '.cognito/config.json': {
      ServerConfig: { hostname: HOST, port },
      TokenConfig: { IssuerDomain: issuerDomain },
      UserPoolDefaults: {
        Name: pool.UserPoolName,
        Arn: `arn:aws:cognito-idp:${config.provider.region}:${accountId}:userpool/${userPoolId}`,
        UsernameAttributes: pool.UsernameAttributes,
        Policies: pool.Policies,
        MfaConfiguration: pool.MfaConfiguration,
      },
    },
    '.cognito/db/clients.json': {
      Clients: {
        [clientId]: {
          ...client,
          ClientId: clientId,
          UserPoolId: userPoolId,
          CreationDate: date,
          LastModifiedDate: date,
        },
      },
    },
    [`.cognito/db/${userPoolId}.json`]: {
      Users: {},
      Groups: Object.fromEntries(
        groups.map((group) => [
          group.GroupName,
          { ...group, CreationDate: date, LastModifiedDate: date },
        ]),
      ),
    },
  };
  return { identity: { userPoolId, clientId, issuer }, files };
}

export async function writeSeedFiles(directory: string, files: SeedFiles): Promise<void> {
  await Promise.all(
    Object.entries(files).map(async ([path, content]) => {
      const file = join(directory, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(content, null, 2));
    }),
  );
}

function propertiesOf(resolved: ResolvedServerlessConfig, type: string): unknown[] {
  return Object.values(resolved.resources.Resources)
    .filter((resource) => resource.Type === type)
    .map((resource) => resource.Properties ?? {});
}

function onlyPropertiesOf(resolved: ResolvedServerlessConfig, type: string): unknown {
  const [properties, ...others] = propertiesOf(resolved, type);
  if (properties === undefined || others.length > 0) {
    throw new Error(
      `The local stack serves exactly one ${type}; resources/ declare ${others.length + (properties ? 1 : 0)}`,
    );
  }
  return properties;
}
