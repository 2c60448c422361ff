import { alnum, b64url, digits, hex, j, rand, upperDigits } from '../samples.js';
import type { Detector } from '../types.js';

const letters = (n: number): string => rand('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);

const LETTERS = /[A-Za-z]/;

export const MESSAGING_PAYMENTS_AI_DETECTORS: Detector[] = [
  // --- Slack -------------------------------------------------------------------------------
  {
    id: 'slack-bot-token',
    title: 'Slack bot token',
    description: 'A Slack bot user OAuth token (xoxb-); it reads and posts in every channel the bot was added to.',
    severity: 'high',
    keywords: ['xoxb-'],
    // Current bot tokens have three parts; legacy bot tokens two.
    pattern: /(?<![A-Za-z0-9_-])(?<secret>xoxb-\d{6,16}-[A-Za-z0-9-]{10,120}[A-Za-z0-9])(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    window: { before: 4, after: 80 },
    aliases: ['slack-bot-token', 'slack-legacy-bot-token'],
    tags: ['slack'],
    samples: {
      positive: [
        `SLACK_BOT_TOKEN=${j('xo', 'xb-')}${digits(12)}-${digits(13)}-${alnum(24)}`,
        `legacy: ${j('xo', 'xb-')}${digits(11)}-${alnum(24)}`,
      ],
      negative: [`${j('xo', 'xb-')}${digits(12)}-${digits(13)}-${'x'.repeat(24)}`, `${j('xo', 'xb-')}your-token`],
    },
  },
  {
    id: 'slack-user-token',
    title: 'Slack user token',
    description:
      'A Slack user OAuth token (xoxp-) or a rotating user/bot token (xoxe.xoxp-); it acts as the user who installed the app.',
    severity: 'high',
    keywords: ['xoxp-', 'xoxe.xox'],
    pattern:
      /(?<![A-Za-z0-9_.-])(?<secret>(?:xoxp-\d{6,16}-[A-Za-z0-9-]{10,150}[A-Za-z0-9]|xoxe\.xox[bp]-\d-[A-Za-z0-9]{140,180}))(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    window: { before: 4, after: 200 },
    aliases: ['slack-user-token', 'slack-config-access-token'],
    tags: ['slack'],
    samples: {
      positive: [
        `token: ${j('xo', 'xp-')}${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`,
        `${j('xoxe.xo', 'xp-')}1-${upperDigits(160)}`,
      ],
      negative: [`${j('xo', 'xp-')}${digits(12)}`, `${j('xo', 'xp-')}your-user-token`],
    },
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    description: 'A Slack app-level token (xapp-), used for Socket Mode connections and app management.',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>xapp-\d-[A-Z0-9]{8,14}-\d{10,16}-[a-f0-9]{60,70})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    window: { before: 4, after: 120 },
    aliases: ['slack-app-token'],
    tags: ['slack'],
    samples: {
      positive: [`SLACK_APP_TOKEN=${j('xa', 'pp-')}1-A${upperDigits(10)}-${digits(13)}-${hex(64)}`],
      negative: [`${j('xa', 'pp-')}1-A${upperDigits(10)}`],
    },
  },
  {
    id: 'slack-config-refresh-token',
    title: 'Slack configuration refresh token',
    description:
      "A Slack app configuration refresh token (xoxe-); it mints new configuration tokens that can edit the workspace's apps.",
    severity: 'high',
    keywords: ['xoxe-'],
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>xoxe-\d-[A-Za-z0-9]{140,160})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    window: { before: 4, after: 180 },
    aliases: ['slack-config-refresh-token'],
    tags: ['slack'],
    samples: {
      positive: [`refresh: ${j('xo', 'xe-')}1-${upperDigits(146)}`],
      negative: [`${j('xo', 'xe-')}1-${upperDigits(20)}`],
    },
  },
  {
    id: 'slack-legacy-token',
    title: 'Slack legacy token',
    description:
      'A legacy Slack token (xoxa-, xoxr-, xoxs-, xoxo- workspace, refresh or session tokens); deprecated but often still valid.',
    severity: 'high',
    keywords: ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>xox[aors]-(?:\d{1,14}-){0,4}[A-Za-z0-9]{8,64})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    window: { before: 4, after: 140 },
    aliases: ['slack-legacy-token', 'slack-legacy-workspace-token'],
    tags: ['slack'],
    samples: {
      positive: [
        `${j('xo', 'xa-')}2-${alnum(40)}`,
        `${j('xo', 'xs-')}${digits(10)}-${digits(10)}-${digits(12)}-${hex(64)}`,
      ],
      negative: [`${j('xo', 'xa-')}short`],
    },
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    description: 'A Slack incoming-webhook or workflow URL; anyone holding it can post messages into the channel.',
    severity: 'medium',
    keywords: ['hooks.slack.com/'],
    pattern:
      /(?<secret>https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{20,48}(?:\/[A-Za-z0-9]{20,48})?)(?![A-Za-z0-9])/g,
    minEntropy: 3,
    window: { before: 12, after: 200 },
    aliases: ['slack-webhook-url'],
    tags: ['slack', 'webhook'],
    samples: {
      positive: [
        `url: https://${j('hooks.sl', 'ack.com')}/services/T${upperDigits(10)}/B${upperDigits(10)}/${alnum(24)}`,
      ],
      negative: [
        `https://${j('hooks.sl', 'ack.com')}/services/T00000000/B00000000/${'X'.repeat(24)}`,
        `https://${j('hooks.sl', 'ack.com')}/services/T00000000/B00000000/${alnum(24)}`,
      ],
    },
  },
  // --- Stripe ------------------------------------------------------------------------------
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret key',
    description: 'A Stripe live-mode secret key (sk_live_); it moves real money on the account.',
    severity: 'critical',
    keywords: ['sk_live_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>sk_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 260 },
    aliases: ['stripe-access-token'],
    tags: ['stripe', 'payments'],
    samples: {
      positive: [`STRIPE_SECRET_KEY=${j('sk', '_live_')}${alnum(24)}`, `${j('sk', '_live_')}51${alnum(97)}`],
      negative: [`${j('sk', '_live_')}${'x'.repeat(24)}`, `${j('sk', '_live_')}abc`],
    },
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    description: 'A Stripe live-mode restricted key (rk_live_) with the permissions chosen at creation.',
    severity: 'high',
    keywords: ['rk_live_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>rk_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 260 },
    aliases: ['stripe-access-token'],
    tags: ['stripe', 'payments'],
    samples: {
      positive: [`${j('rk', '_live_')}${alnum(24)}`],
      negative: [`${j('rk', '_live_')}${alnum(8)}`],
    },
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    description:
      "A Stripe test-mode secret or restricted key (sk_test_/rk_test_); it cannot move money but exposes the test account's data.",
    severity: 'low',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_test_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 260 },
    aliases: ['stripe-access-token'],
    tags: ['stripe', 'payments'],
    samples: {
      positive: [`${j('sk', '_test_')}${alnum(24)}`],
      negative: [j('sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'), j('sk', '_test_', 'BQokikJOvBiI2HlWgH4olfQ2')],
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    description:
      'A Stripe webhook signing secret (whsec_); with it anyone can forge webhook events the application trusts.',
    severity: 'medium',
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/]{32,64}={0,2})(?![A-Za-z0-9_+/=])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 80 },
    aliases: [],
    tags: ['stripe', 'webhook'],
    samples: {
      positive: [`STRIPE_WEBHOOK_SECRET=${j('wh', 'sec_')}${alnum(32)}`],
      negative: [`${j('wh', 'sec_')}${alnum(10)}`],
    },
  },
  // --- Email / SMS -------------------------------------------------------------------------
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    description:
      'A Twilio SendGrid API key (SG.<id>.<secret>); it sends email as the account and can read its contacts.',
    severity: 'high',
    keywords: ['sg.'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64})(?![A-Za-z0-9_-])/g,
    minEntropy: 4,
    window: { before: 4, after: 72 },
    aliases: ['sendgrid-api-token'],
    tags: ['sendgrid', 'email'],
    samples: {
      positive: [`SENDGRID_API_KEY=${j('S', 'G.')}${b64url(22)}.${b64url(43)}`],
      negative: [`msg.${b64url(22)}.${b64url(43)}`, `${j('S', 'G.')}${b64url(22)}`],
    },
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    description:
      'A Twilio API key SID (SK + 32 hex) next to Twilio configuration; with its secret it calls the Twilio API as the account.',
    severity: 'high',
    keywords: ['twilio'],
    pattern: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/g,
    minEntropy: 3,
    window: { before: 200, after: 300 },
    aliases: ['twilio-api-key'],
    tags: ['twilio'],
    samples: {
      positive: [`TWILIO_API_KEY=SK${hex(32)}`],
      negative: [`SK${hex(32)}`, `TWILIO_API_KEY=SK${hex(31)}`],
    },
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    description:
      'A Twilio account auth token (32 hex) bound to a Twilio auth-token name; it controls the whole Twilio account.',
    severity: 'critical',
    keywords: ['twilio'],
    pattern:
      /twilio[\w.-]{0,20}?(?:auth[\w.-]{0,3}token|secret)["']?\s{0,5}(?::|=|=>|:=)\s{0,5}["']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])/gi,
    minEntropy: 3,
    window: { before: 0, after: 120 },
    aliases: [],
    tags: ['twilio'],
    samples: {
      positive: [`TWILIO_AUTH_TOKEN=${hex(32)}`, `twilio_auth_token: "${hex(32)}"`],
      negative: [`TWILIO_AUTH_TOKEN=\${TWILIO_AUTH_TOKEN}`, `TWILIO_ACCOUNT_SID=AC${hex(32)}`],
    },
  },
  // --- AI providers ------------------------------------------------------------------------
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    description:
      'An OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin- with the T3BlbkFJ marker); it bills model usage to the organisation.',
    severity: 'high',
    keywords: ['t3blbkfj'],
    priority: 1,
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})(?![A-Za-z0-9_-])/g,
    minEntropy: 4,
    window: { before: 220, after: 220 },
    aliases: ['openai-api-key'],
    tags: ['openai', 'ai'],
    samples: {
      positive: [
        `OPENAI_API_KEY=sk-${alnum(20)}${j('T3Blbk', 'FJ')}${alnum(20)}`,
        `sk-proj-${b64url(74)}${j('T3Blbk', 'FJ')}${b64url(74)}`,
      ],
      negative: [`sk-${alnum(48)}`, `x${j('T3Blbk', 'FJ')}`],
    },
  },
  {
    id: 'openai-project-key',
    title: 'OpenAI project or service account key',
    description:
      'An OpenAI project, service-account or admin key (sk-proj-, sk-svcacct-, sk-admin-) without the usual marker; the prefix alone identifies it.',
    severity: 'high',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])/g,
    validate: (s) => /[A-Z]/.test(s) && /[0-9]/.test(s),
    minEntropy: 4,
    window: { before: 4, after: 270 },
    aliases: [],
    tags: ['openai', 'ai'],
    samples: {
      positive: [`OPENAI_API_KEY=sk-proj-${b64url(120)}`],
      negative: [`sk-proj-${'abc-def-'.repeat(6)}`, 'sk-proj-settings-for-the-default-project-go-here'],
    },
  },
  {
    id: 'openai-legacy-api-key',
    title: 'OpenAI-style secret key (sk- + 48 characters)',
    description:
      'A 48-character sk- secret key in the shape of legacy OpenAI user keys (also used by compatible AI APIs).',
    severity: 'high',
    keywords: ['sk-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)) && /[0-9]/.test(s),
    minEntropy: 4.2,
    window: { before: 4, after: 56 },
    aliases: [],
    tags: ['openai', 'ai'],
    samples: {
      positive: [`openai.api_key = "sk-${alnum(48)}"`],
      negative: [`sk-${'a'.repeat(48)}`, `sk-${alnum(30)}`, `task-${alnum(48)}`],
    },
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    description: 'An Anthropic API key (sk-ant-api03-); it bills Claude usage to the workspace.',
    severity: 'high',
    keywords: ['sk-ant-api'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-api\d\d-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/g,
    minEntropy: 4,
    window: { before: 4, after: 130 },
    aliases: ['anthropic-api-key'],
    tags: ['anthropic', 'ai'],
    samples: {
      positive: [`ANTHROPIC_API_KEY=${j('sk-a', 'nt-api03-')}${b64url(93)}AA`],
      negative: [`${j('sk-a', 'nt-api03-')}${b64url(20)}AA`],
    },
  },
  {
    id: 'anthropic-admin-key',
    title: 'Anthropic admin API key',
    description:
      "An Anthropic Admin API key (sk-ant-admin01-); it manages the organisation's members, workspaces and keys.",
    severity: 'critical',
    keywords: ['sk-ant-admin'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-admin\d\d-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/g,
    minEntropy: 4,
    window: { before: 4, after: 130 },
    aliases: ['anthropic-admin-api-key'],
    tags: ['anthropic', 'ai'],
    samples: {
      positive: [`${j('sk-a', 'nt-admin01-')}${b64url(93)}AA`],
      negative: [`${j('sk-a', 'nt-admin01-')}${b64url(40)}`],
    },
  },
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face access token',
    description: "A Hugging Face user access token (hf_); it reads or writes the user's models, datasets and Spaces.",
    severity: 'high',
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z0-9]{34,40})(?![A-Za-z0-9_])/g,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)),
    minEntropy: 3.5,
    window: { before: 4, after: 40 },
    aliases: ['huggingface-access-token'],
    tags: ['huggingface', 'ai'],
    samples: {
      positive: [`HF_TOKEN=${j('h', 'f_')}${letters(34)}`],
      negative: [
        `${j('h', 'f_')}${'abcdefghijklmnopqrstuvwxyzabcdefgh'}`,
        `self.hf_model_name_for_the_checkpoint_x = 1`,
      ],
    },
  },
  {
    id: 'huggingface-org-token',
    title: 'Hugging Face organization API token',
    description: 'A legacy Hugging Face organization API token (api_org_); it acts for the whole organization.',
    severity: 'high',
    keywords: ['api_org_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>api_org_[A-Za-z]{34})(?![A-Za-z0-9_])/g,
    validate: (s) => LETTERS.test(s) && /[A-Z]/.test(s.slice(8)) && /[a-z]/.test(s.slice(8)),
    minEntropy: 3.5,
    window: { before: 4, after: 48 },
    aliases: ['huggingface-organization-api-token'],
    tags: ['huggingface', 'ai'],
    samples: {
      positive: [`${j('api', '_org_')}${letters(34)}`],
      negative: [`${j('api', '_org_')}settings_page_for_the_organization`],
    },
  },
];
