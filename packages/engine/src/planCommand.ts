import type { Command } from './commandSchemas';
import type { PlanContext, Planned } from './PlanContext';
import { planParticipantCommand } from './planParticipantCommand';
import { planReportCommand } from './planReportCommand';
import { planOverturn, planSecondReview } from './planReversal';
import { planTaskCommand, planTick } from './planTaskCommand';

/** Plans any command on the context's state: the events it needs, or why it may not happen. */
export function planCommand(command: Command, context: PlanContext): Planned {
  switch (command.type) {
    case 'participant.register':
    case 'team.register':
    case 'participant.certify':
    case 'participant.suspend':
    case 'participant.reinstate':
      return planParticipantCommand(context, command);
    case 'report.submit':
    case 'report.prioritize':
    case 'report.convert':
    case 'report.link':
    case 'report.dismiss':
    case 'report.forward':
      return planReportCommand(context, command);
    case 'task.overturn':
      return planOverturn(context, command);
    case 'task.second_review':
      return planSecondReview(context, command);
    case 'tick':
      return planTick(context, command.now);
    default:
      return planTaskCommand(context, command);
  }
}
