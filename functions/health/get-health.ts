import { httpHandler, json } from '../shared/http-handler';

export const handler = httpHandler(() => json(200, { status: 'ok' }));
