import { readFileSync } from 'node:fs';
import { TEST_STACK_FILE, type StackDetails } from './test-stack';

// Each test file sees the stack's environment (table names, endpoint variables, region), as the
// functions do, so SDK clients built with no options talk to the embedded stack.
const stack = JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as StackDetails;
Object.assign(process.env, stack.environment);
