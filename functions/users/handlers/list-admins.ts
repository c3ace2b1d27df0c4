import { listAdminsCall } from '../../../contracts/internal-calls';
import { internalFunction } from '../../lib/middleware/internal-handler';
import { adminUserIds } from '../admin-group';

/** The users context's read API for other contexts: who the admins are. */
export const handler = internalFunction(listAdminsCall, async () => ({
  userIds: await adminUserIds(),
}));
