import { readFileSync } from 'node:fs';
import { OBSERVABILITY_FILE, generatedObservabilityYaml } from '../../../scripts/observability';
import { observabilityYaml } from '../../../scripts/observability/template';

describe('npm run observability', () => {
  it('has written resources/observability.yml for the functions declared today', () => {
    // Fails after a function is added or removed: run `npm run observability` and commit.
    expect(readFileSync(OBSERVABILITY_FILE, 'utf8')).toBe(generatedObservabilityYaml());
  });

  it('draws and queries a new function as soon as a context declares it', () => {
    const yaml = observabilityYaml(new Map([['orders', ['placeOrder', 'refundOrder']]]));

    expect(yaml).toContain('/aws/lambda/${self:custom.names.prefix}-refundOrder');
    expect(yaml).toContain(
      'FunctionName=\\"${self:custom.names.prefix}-placeOrder\\" OR FunctionName=\\"${self:custom.names.prefix}-refundOrder\\"',
    );
  });
});
