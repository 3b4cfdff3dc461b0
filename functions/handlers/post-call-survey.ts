import middy from '@middy/core';
import { ConnectContactFlowEventSchema } from '../../schemas/connect-flow-event.ts';
import { SURVEY_SCORE_ATTRIBUTE } from '../core/satisfaction/model.ts';
import { recordVoiceSurvey, type VoiceSurveyDeps } from '../core/satisfaction/voice-survey.ts';
import { contactKey } from '../core/voice/contact-start.ts';
import { postCallSurveyDeps } from '../wiring/aws/satisfaction-answers.ts';
import { lazy } from './shared/lazy.ts';

/**
 * Lambda the post-call survey flow invokes (Parameters.step = offered | answered); the score is
 * read from the contact attribute the flow set. Answers a flat map; a failure only sends the
 * caller down the flow's error branch (a polite goodbye).
 */
export function createPostCallSurveyHandler(getDeps: () => Promise<VoiceSurveyDeps>) {
  return middy(async (event: unknown): Promise<Record<string, string>> => {
    const deps = await getDeps();
    const parsed = ConnectContactFlowEventSchema.safeParse(event);
    if (!parsed.success) return { recorded: 'false' };
    const { ContactData, Parameters } = parsed.data.Details;
    const step = Parameters.step === 'answered' ? 'answered' : Parameters.step === 'offered' ? 'offered' : null;
    if (!step) return { recorded: 'false' };
    const score = ContactData.Attributes[SURVEY_SCORE_ATTRIBUTE];
    try {
      const outcome = await recordVoiceSurvey(deps, { contactKey: contactKey(parsed.data), step, ...(score !== undefined ? { score } : {}) });
      return { recorded: String(outcome === 'recorded'), outcome };
    } catch (error) {
      deps.log.error('post-call survey not stored', { step, error: error instanceof Error ? error.name : 'unknown' });
      return { recorded: 'false' };
    }
  });
}

export const handler = createPostCallSurveyHandler(lazy(postCallSurveyDeps));
