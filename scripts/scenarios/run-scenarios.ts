import { run, type NewmanRunSummary } from 'newman';
import { scenariosCollection } from './collection';

export interface ScenarioTarget {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
}

/** Runs the scenarios collection with newman against `target`; `cli` prints newman's report. */
export function runScenarios(
  target: ScenarioTarget,
  { reporters = ['cli'] }: { reporters?: string[] } = {},
): Promise<NewmanRunSummary> {
  return new Promise((resolveRun, rejectRun) => {
    run(
      {
        collection: scenariosCollection(),
        envVar: [
          { key: 'baseUrl', value: target.baseUrl },
          { key: 'adminEmail', value: target.adminEmail },
          { key: 'adminPassword', value: target.adminPassword },
        ],
        reporters,
        timeoutRequest: 30_000,
      },
      (error, summary) => (error ? rejectRun(error) : resolveRun(summary)),
    );
  });
}
