import { workingCalendar, type WorkingCalendar } from '../../core/deadlines/working-time.ts';
import { readEnvironment } from './environment.ts';

let calendar: WorkingCalendar | undefined;

/** The stage's holiday table (PUBLIC_HOLIDAYS, set by CDK from the stage config), read once per container. */
export function stageCalendar(env: NodeJS.ProcessEnv = process.env): WorkingCalendar {
  if (!calendar) {
    const { publicHolidays } = readEnvironment(['publicHolidays'], env);
    calendar = workingCalendar(publicHolidays.split(',').map((day) => day.trim()));
  }
  return calendar;
}
