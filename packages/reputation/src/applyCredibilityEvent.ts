import type { Trace } from './applySolverEvent';
import type { ReputationEvent } from './parseReputationEvent';
import { type ReputationState, recordOf } from './reputationState';

function reporterOf(state: ReputationState, reportId: string, ms: number) {
  const reporterId = state.reporters.get(reportId);
  return reporterId === undefined ? undefined : recordOf(state, reporterId, ms);
}

function publisherOf(state: ReputationState, taskId: string, ms: number) {
  const task = state.tasks.get(taskId);
  return task === undefined ? undefined : recordOf(state, task.publisherId, ms);
}

/**
 * Applies an event about what a participant reported or published: a report turned
 * into a task or dismissed, a task approved or returned at review or closed as a
 * duplicate. These feed reporter and publisher credibility.
 */
export function applyCredibilityEvent(
  state: ReputationState,
  event: ReputationEvent,
  ms: number,
  trace?: Trace,
) {
  const config = state.config;
  switch (event.type) {
    case 'quanzi.report.received': {
      const { id, reporterId } = event.data.report;
      state.reporters.set(id, reporterId);
      recordOf(state, reporterId, ms).reports += 1;
      return;
    }
    case 'quanzi.report.converted': {
      const reporter = reporterOf(state, event.data.reportId, ms);
      if (reporter === undefined) return;
      // A reporter cannot verify their own report into credibility.
      if (reporter.id === event.actor) reporter.selfVerified += 1;
      else reporter.converted += 1;
      return trace?.(reporter.id, 'reporterCredibility', event);
    }
    case 'quanzi.report.linked': {
      const reporter = reporterOf(state, event.data.reportId, ms);
      if (reporter !== undefined) reporter.linked += 1;
      return;
    }
    case 'quanzi.report.dismissed': {
      const reporter = reporterOf(state, event.data.reportId, ms);
      if (reporter === undefined) return;
      const verdict = event.data.verdict;
      if (verdict === 'false') reporter.dismissedFalse += 1;
      else if (verdict === 'malicious') reporter.dismissedMalicious += 1;
      else reporter.outOfScope += 1;
      return trace?.(reporter.id, 'reporterCredibility', event);
    }
    case 'quanzi.task.created': {
      const { id, publisherId, category, difficulty } = event.data.task;
      const weight = config.difficultyWeights[(difficulty ?? config.defaultDifficulty) - 1] ?? 1;
      state.tasks.set(id, { publisherId, category, weight });
      recordOf(state, publisherId, ms).published += 1;
      return;
    }
    case 'quanzi.task.reviewed': {
      const publisher = publisherOf(state, event.data.taskId, ms);
      if (publisher === undefined) return;
      if (event.data.decision === 'approved') publisher.approved += 1;
      else publisher.returned += 1;
      return trace?.(publisher.id, 'publisherCredibility', event);
    }
    case 'quanzi.task.closed': {
      if (event.data.reason !== 'duplicate') return;
      const publisher = publisherOf(state, event.data.taskId, ms);
      if (publisher === undefined) return;
      publisher.duplicates += 1;
      return trace?.(publisher.id, 'publisherCredibility', event);
    }
  }
}
