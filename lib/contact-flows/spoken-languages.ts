import { transitionTargets, type FlowDocument } from './flow-language.ts';
import { POLLY_VOICES } from './speech.ts';
import type { FlowProblem } from './validate-flow.ts';

type Spoken = 'ko' | 'ja' | 'zh' | 'en';

/** Scripts of the languages the flows speak as text: Hangul, kana (with kanji), Han alone, Latin. */
const SCRIPTS: ReadonlyArray<[Spoken, RegExp]> = [
  ['ko', /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/],
  ['ja', /[\u3040-\u30ff]/],
  ['en', /[A-Za-z]/],
];
const HAN = /[\u4e00-\u9fff]/;

/** The languages a prompt's text is written in, told apart by script (digits and punctuation are neutral). */
export function languagesOf(text: string): Spoken[] {
  const found = SCRIPTS.filter(([, script]) => script.test(text)).map(([language]) => language);
  // Kanji belong to Japanese text; Han without kana is Chinese.
  if (HAN.test(text) && !found.includes('ja')) found.push('zh');
  return found;
}

const VOICE_LANGUAGE = new Map<string, string>(Object.entries(POLLY_VOICES).map(([language, voice]) => [voice.name, language]));
const UNSET = 'the default voice (no voice set)';

/**
 * Each text prompt must be in one language and be read by that language's Polly voice on every
 * path that reaches it: a Korean voice reading an English sentence (or the reverse) is
 * unintelligible to the caller it is meant for. The voices in effect are propagated through the
 * flow from its start; a voice action sets its voice on all its transitions (its only error is an
 * unknown voice, and the voices come from POLLY_VOICES). Recorded prompts and SSML are not checked.
 */
export function spokenLanguageProblems(flow: FlowDocument): FlowProblem[] {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const voicesAt = new Map<string, Set<string>>([[flow.StartAction, new Set([UNSET])]]);
  const pending = [flow.StartAction];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    const action = byId.get(id);
    if (!action) continue;
    const incoming = voicesAt.get(id) ?? new Set<string>();
    const outgoing =
      action.Type === 'UpdateContactTextToSpeechVoice' ? new Set([(action.Parameters as { TextToSpeechVoice: string }).TextToSpeechVoice]) : incoming;
    for (const target of transitionTargets(action)) {
      const known = voicesAt.get(target) ?? new Set<string>();
      const before = known.size;
      for (const voice of outgoing) known.add(voice);
      voicesAt.set(target, known);
      if (known.size > before) pending.push(target);
    }
  }

  const problems: FlowProblem[] = [];
  for (const action of flow.Actions) {
    if (action.Type !== 'MessageParticipant' && action.Type !== 'GetParticipantInput') continue;
    const text = (action.Parameters as { Text?: string }).Text;
    if (text === undefined) continue;
    const languages = languagesOf(text);
    if (languages.length > 1) {
      problems.push({ action: action.Identifier, message: `mixes ${languages.join(' and ')} in one prompt: give each language its own prompt and voice` });
      continue;
    }
    const [language] = languages;
    if (!language) continue;
    for (const voice of voicesAt.get(action.Identifier) ?? []) {
      const spokenBy = VOICE_LANGUAGE.get(voice);
      if (spokenBy !== language) problems.push({ action: action.Identifier, message: `${language} text may be spoken by ${voice === UNSET ? UNSET : `${voice} (${spokenBy ?? 'unknown language'})`}` });
    }
  }
  return problems;
}
