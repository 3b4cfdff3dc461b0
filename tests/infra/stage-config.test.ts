import { describe, expect, it } from 'vitest';
import { parseStageConfig, type StageConfigInput } from '../../lib/config/stage-config.ts';
import { STAGES, stageByName } from '../../lib/config/stages.ts';

const base: StageConfigInput = {
  name: 'test',
  production: false,
  logRetentionDays: 30,
  removalPolicy: 'destroy',
  smsSender: 'twilio',
};

const prompt = (name: string) => `arn:aws:connect:ap-northeast-2:111122223333:instance/c8c0e68d-2200-4265-82c0-000000000000/prompt/${name}`;
const PROMPT_KEYS = ['pleaseWait', 'afterHours', 'queueFull', 'happyCallMenu', 'happyCallOptOutConfirmed', 'happyCallGoodbye', 'happyCallBusy'] as const;
const prompts = (language: string) => Object.fromEntries(PROMPT_KEYS.map((key) => [key, prompt(`${language}-${key}`)])) as Record<(typeof PROMPT_KEYS)[number], string>;

describe('stage config', () => {
  it('declares dev and prod, and prod retains its stateful resources', () => {
    expect(STAGES.map((stage) => stage.name)).toEqual(expect.arrayContaining(['dev', 'prod']));
    expect(stageByName('prod')).toMatchObject({ production: true, removalPolicy: 'retain' });
  });

  it('refuses a production stage that would destroy stateful resources', () => {
    expect(() => parseStageConfig({ ...base, production: true })).toThrow(/production stages must retain/);
  });

  it('refuses End User Messaging replies without an origination identity', () => {
    expect(() => parseStageConfig({ ...base, smsSender: 'aws-eum' })).toThrow(/eumOriginationIdentityArn/);
    expect(
      parseStageConfig({
        ...base,
        smsSender: 'aws-eum',
        eumOriginationIdentityArn: 'arn:aws:sms-voice:ap-northeast-2:111122223333:pool/pool-1234',
      }).eumOriginationIdentityArn,
    ).toContain('pool/pool-1234');
  });

  it('takes extra media origins over https only, as bare origins', () => {
    expect(parseStageConfig(base).mediaAllowedOrigins).toEqual([]);
    expect(parseStageConfig({ ...base, mediaAllowedOrigins: ['https://media.example.com', 'https://*.cdn.example.com:8443'] }).mediaAllowedOrigins).toHaveLength(2);
    for (const origin of ['http://media.example.com', 'https://media.example.com/path', 'https://user@media.example.com', 'media.example.com']) {
      expect(() => parseStageConfig({ ...base, mediaAllowedOrigins: [origin] }), origin).toThrow(/mediaAllowedOrigins/);
    }
  });

  it('refuses a log retention CloudWatch Logs does not offer', () => {
    expect(() => parseStageConfig({ ...base, logRetentionDays: 10 })).toThrow(/logRetentionDays/);
  });

  it('refuses an account without a region, so a stage is either pinned or environment-agnostic', () => {
    expect(() => parseStageConfig({ ...base, account: '111122223333' })).toThrow(/account and region together/);
  });

  it('refuses a public base URL with a path, since Twilio signs origin plus request path', () => {
    expect(() => parseStageConfig({ ...base, publicBaseUrl: 'https://sms.example.go.kr/prod' })).toThrow(/publicBaseUrl/);
    expect(parseStageConfig({ ...base, publicBaseUrl: 'https://sms.example.go.kr' }).publicBaseUrl).toBe('https://sms.example.go.kr');
  });

  it('refuses an unknown key anywhere in a stage instead of dropping it (a misspelt setting must not be silently ignored)', () => {
    expect(() => parseStageConfig({ ...base, recordedPrompt: {} } as StageConfigInput)).toThrow(/recordedPrompt/);
    expect(() => parseStageConfig({ ...base, chatChannel: { throttel: { rateLimit: 1, burstLimit: 1 } } } as StageConfigInput)).toThrow(/throttel/);
    expect(() => parseStageConfig({ ...base, signLanguageReservations: { schedule: { slotMinute: 20 } } } as StageConfigInput)).toThrow(/slotMinute/);
    expect(() => parseStageConfig({ ...base, recordedPrompts: { vi: { ...prompts('vi'), pleaseWiat: prompt('x') } } } as StageConfigInput)).toThrow(/pleaseWiat/);
  });

  it('takes recorded Vietnamese and Mongolian prompts and the foreign-menu prompt as Amazon Connect prompt ARNs', () => {
    const config = parseStageConfig({ ...base, recordedPrompts: { vi: prompts('vi'), mn: prompts('mn') }, foreignMenuPromptArn: prompt('menu') });
    expect(config.recordedPrompts?.vi?.pleaseWait).toBe(prompt('vi-pleaseWait'));
    expect(config.foreignMenuPromptArn).toBe(prompt('menu'));
    // Languages with a Polly voice are spoken by it: a recorded set for them would never be played.
    expect(() => parseStageConfig({ ...base, recordedPrompts: { en: prompts('en') } } as StageConfigInput)).toThrow(/en/);
    expect(() => parseStageConfig({ ...base, recordedPrompts: { vi: { ...prompts('vi'), afterHours: 'after-hours.wav' } } })).toThrow(/afterHours/);
    // All seven sentences or none: a half-recorded language would fall silent on the missing paths.
    const { happyCallBusy: _missing, ...incomplete } = prompts('mn');
    expect(() => parseStageConfig({ ...base, recordedPrompts: { mn: incomplete } } as StageConfigInput)).toThrow(/happyCallBusy/);
  });

  it('names an unknown stage in the error', () => {
    expect(() => stageByName('staging')).toThrow(/Unknown stage 'staging'; known: dev, prod/);
  });
});
