import { httpHandler, json } from '../../lib/middleware/http-handler';

export const handler = httpHandler(() => json(200, { status: 'ok' }));
