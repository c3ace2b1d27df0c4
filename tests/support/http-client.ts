import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ShopApi,
  type ApiResponse as ShopApiResponse,
  type RequestOptions,
} from '../../client/shop-api';
import { TEST_STACK_FILE, type StackDetails } from './test-stack';

/**
 * The shop's HTTP API as a client sees it, for end-to-end tests. It talks to SHOP_HTTP_URL when
 * set (e.g. a deployed stage), else to the test suite's embedded stack (its stack file).
 */

export interface ApiResponse<T = Record<string, unknown>> extends Omit<ShopApiResponse, 'body'> {
  /** The parsed JSON body; the raw text when the body is not JSON; undefined when empty. */
  body: T;
}

export type { RequestOptions };

let stackDetails: StackDetails | undefined;
const stack = (): StackDetails =>
  (stackDetails ??= JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as StackDetails);

export const baseUrl = (): string => process.env.SHOP_HTTP_URL ?? stack().httpApiUrl;

/** The typed client, its answers checked against the contracts. */
export const shopApi = (): ShopApi => new ShopApi(baseUrl());

const request = async <T>(
  method: string,
  path: string,
  body: unknown,
  options?: RequestOptions,
): Promise<ApiResponse<T>> =>
  (await shopApi().request(method, path, body, options)) as ApiResponse<T>;

export const api = {
  /** Any method, with the answer's body as it came (hostile-request tests). */
  request: (method: string, path: string, body?: unknown, options?: RequestOptions) =>
    request<unknown>(method, path, body, options),
  get: <T = Record<string, unknown>>(path: string, options?: RequestOptions) =>
    request<T>('GET', path, undefined, options),
  delete: <T = Record<string, unknown>>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
  post: <T = Record<string, unknown>>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T = Record<string, unknown>>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T = Record<string, unknown>>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
};

/** An address no other test uses (the stack is shared by every test file). */
export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${randomUUID()}@example.com`;

export interface Login {
  accessToken: string;
  expiresIn: number;
  tokenType: string;
}

/** Signs in; fails the test with the answer when the API refuses. */
export async function login(email: string, password: string): Promise<string> {
  const response = await api.post<Login>('/auth/login', { email, password });
  if (response.status !== 200) {
    throw new Error(
      `POST /auth/login for ${email}: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body.accessToken;
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  name: string;
  token: string;
}

/** A new customer, registered through the API and signed in. */
export async function registerAndLogin(
  details: { email?: string; password?: string; name?: string; phone?: string } = {},
): Promise<TestUser> {
  const user = {
    email: details.email ?? uniqueEmail(),
    password: details.password ?? `Passw0rd-${randomUUID()}`,
    name: details.name ?? 'Test Customer',
    ...(details.phone !== undefined ? { phone: details.phone } : {}),
  };
  const registered = await shopApi().register(user);
  return {
    userId: registered.userId,
    email: registered.email,
    password: user.password,
    name: user.name,
    token: await login(registered.email, user.password),
  };
}

/** The local stage's admin account: SHOP_ADMIN_EMAIL / SHOP_ADMIN_PASSWORD, else the stack's. */
export const adminAccount = (): { email: string; password: string } =>
  process.env.SHOP_ADMIN_EMAIL && process.env.SHOP_ADMIN_PASSWORD
    ? { email: process.env.SHOP_ADMIN_EMAIL, password: process.env.SHOP_ADMIN_PASSWORD }
    : stack().admin;

let adminLogin: Promise<string> | undefined;

/** An access token of the seeded admin (a user in the `admin` group), one per test file. */
export function adminToken(): Promise<string> {
  const { email, password } = adminAccount();
  adminLogin ??= login(email, password);
  return adminLogin;
}
