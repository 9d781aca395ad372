/**
 * Block Kit views (pure builders, no I/O): the App Home tab (views.publish) and the modals
 * (views.open): look a term up, subscribe a channel to the daily question, report a problem with an
 * item, a scenario's self-check, and a modal that shows a core Reply after a submission. Every view keeps to Slack's view limits (VIEW_LIMITS).
 */
import type { types } from '@slack/bolt';
import { type Action, encodeAction } from '../../core/action.js';
import type { Reply } from '../../core/reply.js';
import { renderReply } from './block-kit.js';
import { truncateText } from './mrkdwn.js';
import { VIEWS_TEXT } from './text.js';

type KnownBlock = types.KnownBlock;
type View = types.View;

/** Slack's limits for views (https://docs.slack.dev/reference/views/modal-views, home-tab-views). */
export const VIEW_LIMITS = {
  blocksPerView: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  staticOptions: 100,
  externalOptions: 100,
  radioOptions: 10,
  plainTextInput: 3000,
} as const;

/** callback_id of each modal and action_id of each App Home tab button (the listeners route by them). */
export const VIEW_IDS = {
  lookupModal: 'kms-lookup',
  subscribeModal: 'kms-subscribe',
  resultModal: 'kms-result',
  /** block_id / action_id pairs of the modals' inputs. */
  term: { block: 'term', action: 'term' },
  channel: { block: 'channel', action: 'channel' },
  time: { block: 'time', action: 'time' },
  zone: { block: 'zone', action: 'zone' },
  cadence: { block: 'cadence', action: 'cadence' },
  deck: { block: 'deck', action: 'deck' },
  reportModal: 'kms-report',
  reason: { block: 'reason', action: 'reason' },
  note: { block: 'note', action: 'note' },
  selfCheckModal: 'kms-self-check',
  /** Rubric checkbox groups: block ids "points-0", "points-1", …, each with this action id. */
  pointsPrefix: 'points-',
  pointsAction: 'points',
  none: { block: 'none', action: 'none' },
  homeScenario: 'kms-home:scenario',
  homeLookup: 'kms-home:lookup',
  homeSubscribe: 'kms-home:subscribe',
  /** callback_id of the message shortcut "Explain KMS terms in this message" (the manifest names it). */
  explainShortcut: 'explain_terms',
} as const;

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncateText(text, max), emoji: true };
}

function option(label: string, value: string): types.PlainTextOption {
  return { text: plain(label, VIEW_LIMITS.optionText), value: value.slice(0, VIEW_LIMITS.optionValue) };
}

/** A reply's blocks for a view: its one-message rendering (at most 50 blocks), without the notification text. */
function replyBlocks(reply: Reply): KnownBlock[] {
  return renderReply(reply, { singleMessage: true })[0]?.blocks ?? [];
}

/**
 * The App Home tab: the dashboard Reply (core's `home`), then a row of the tab's own buttons (open a
 * scenario, look a term up and, for admins, the daily-question form) and a note that their answers
 * come in the Messages tab. At most 100 blocks.
 */
export function homeView(dashboard: Reply, options: { isAdmin: boolean }): View {
  const buttons: types.Button[] = [
    { type: 'button', action_id: VIEW_IDS.homeScenario, text: plain(VIEWS_TEXT.home.scenarioButton, 75) },
    { type: 'button', action_id: VIEW_IDS.homeLookup, text: plain(VIEWS_TEXT.home.lookUpButton, 75) },
  ];
  if (options.isAdmin) buttons.push({ type: 'button', action_id: VIEW_IDS.homeSubscribe, text: plain(VIEWS_TEXT.home.subscribeButton, 75) });
  const tail: KnownBlock[] = [
    { type: 'actions', elements: buttons },
    { type: 'context', elements: [{ type: 'mrkdwn', text: VIEWS_TEXT.home.answersInMessages }] },
  ];
  const blocks = [...replyBlocks(dashboard).slice(0, VIEW_LIMITS.blocksPerView - tail.length), ...tail];
  return { type: 'home', blocks };
}

/** The App Home tab when the dashboard could not be built: one line saying so. */
export function homeFailedView(): View {
  return { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: VIEWS_TEXT.home.failed } }] };
}

/** The "Look a term up" modal: one text input; `privateMetadata` carries where it was opened from. */
export function lookupModal(privateMetadata: string): View {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.lookupModal,
    private_metadata: privateMetadata.slice(0, VIEW_LIMITS.privateMetadata),
    title: plain(VIEWS_TEXT.lookup.title, VIEW_LIMITS.modalTitle),
    submit: plain(VIEWS_TEXT.lookup.submit, VIEW_LIMITS.modalButton),
    close: plain(VIEWS_TEXT.lookup.close, VIEW_LIMITS.modalButton),
    blocks: [
      {
        type: 'input',
        block_id: VIEW_IDS.term.block,
        label: plain(VIEWS_TEXT.lookup.label, VIEW_LIMITS.inputLabel),
        hint: plain(VIEWS_TEXT.lookup.hint, VIEW_LIMITS.inputHint),
        element: {
          type: 'plain_text_input',
          action_id: VIEW_IDS.term.action,
          max_length: 200,
          placeholder: plain(VIEWS_TEXT.lookup.placeholder, VIEW_LIMITS.placeholder),
        },
      },
    ],
  };
}

/** What the subscribe modal starts with. */
export interface SubscribeDefaults {
  /** The channel it was opened from, preselected (absent from the Home tab). */
  channelId?: string;
  /** "HH:MM". */
  time: string;
  /** The learner's own IANA zone, else UTC: preselected in the zone list. */
  timeZone: string;
  cadence: 'daily' | 'weekdays';
  decks: readonly { id: string; title: string }[];
  deckId: string;
}

/**
 * The subscribe modal: channel (conversations select), time (time picker), time zone (external
 * select, the learner's zone preselected, options from the block_suggestion listener), days (radio
 * buttons) and deck (static select). Submitted to the `subscribeModal` view listener.
 */
export function subscribeModal(defaults: SubscribeDefaults): View {
  const ids = VIEW_IDS;
  const t = VIEWS_TEXT.subscribe;
  const cadences = [option(t.daily, 'daily'), option(t.weekdays, 'weekdays')];
  const decks = defaults.decks.slice(0, VIEW_LIMITS.staticOptions).map((d) => option(d.title, d.id));
  const deck = decks.find((o) => o.value === defaults.deckId) ?? decks[0];
  return {
    type: 'modal',
    callback_id: ids.subscribeModal,
    title: plain(t.title, VIEW_LIMITS.modalTitle),
    submit: plain(t.submit, VIEW_LIMITS.modalButton),
    close: plain(t.close, VIEW_LIMITS.modalButton),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t.intro } },
      {
        type: 'input',
        block_id: ids.channel.block,
        label: plain(t.channelLabel, VIEW_LIMITS.inputLabel),
        hint: plain(t.channelHint, VIEW_LIMITS.inputHint),
        element: {
          type: 'conversations_select',
          action_id: ids.channel.action,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(defaults.channelId ? { initial_conversation: defaults.channelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: ids.time.block,
        label: plain(t.timeLabel, VIEW_LIMITS.inputLabel),
        element: { type: 'timepicker', action_id: ids.time.action, initial_time: defaults.time },
      },
      {
        type: 'input',
        block_id: ids.zone.block,
        label: plain(t.zoneLabel, VIEW_LIMITS.inputLabel),
        element: {
          type: 'external_select',
          action_id: ids.zone.action,
          min_query_length: 1,
          placeholder: plain(t.zonePlaceholder, VIEW_LIMITS.placeholder),
          initial_option: option(defaults.timeZone, defaults.timeZone),
        },
      },
      {
        type: 'input',
        block_id: ids.cadence.block,
        label: plain(t.cadenceLabel, VIEW_LIMITS.inputLabel),
        element: {
          type: 'radio_buttons',
          action_id: ids.cadence.action,
          options: cadences,
          initial_option: defaults.cadence === 'daily' ? cadences[0] : cadences[1],
        },
      },
      {
        type: 'input',
        block_id: ids.deck.block,
        label: plain(t.deckLabel, VIEW_LIMITS.inputLabel),
        element: { type: 'static_select', action_id: ids.deck.action, options: decks, ...(deck ? { initial_option: deck } : {}) },
      },
    ],
  };
}

/** A modal showing `reply` (the answer to a submission), with a "Done" button that closes it. */
export function resultModal(reply: Reply): View {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.resultModal,
    title: plain(VIEWS_TEXT.resultTitle, VIEW_LIMITS.modalTitle),
    close: plain(VIEWS_TEXT.done, VIEW_LIMITS.modalButton),
    blocks: replyBlocks(reply),
  };
}

/** The modal answering a submission of a form this version does not know: says it is out of date. */
export function staleFormModal(): View {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.resultModal,
    title: plain(VIEWS_TEXT.resultTitle, VIEW_LIMITS.modalTitle),
    close: plain(VIEWS_TEXT.done, VIEW_LIMITS.modalButton),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: VIEWS_TEXT.staleForm } }],
  };
}

/**
 * The time zones matching `query` for the zone list (block_suggestion): IANA names (and UTC)
 * containing every typed word, case and "_" ignored, A-Z, at most 100.
 */
export function zoneOptions(query: string): types.PlainTextOption[] {
  const words = query.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter((w) => w !== '');
  return ALL_ZONES.filter((zone) => {
    const name = zone.toLowerCase().replace(/_/g, ' ');
    return words.every((w) => name.includes(w));
  })
    .slice(0, VIEW_LIMITS.externalOptions)
    .map((zone) => option(zone, zone));
}

/** Every IANA zone this Node knows, plus UTC, A-Z. */
const ALL_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();

/** What a modal opened from a message click remembers (private_metadata, JSON): where, and about what. */
export interface ClickOrigin {
  teamId: string;
  channelId: string;
  channelName?: string;
  /** The scenario of a self-check, or the item of a report. */
  itemId: string;
  /** A report's item kind (absent for a self-check). */
  kind?: ReportItemKind;
}

/** What kind of deck item a report is about (question, term or scenario): a report action's target. */
type ReportItemKind = Extract<Action, { kind: 'report' }>['target'];

const ITEM_KINDS: readonly ReportItemKind[] = ['question', 'term', 'scenario'];

function isItemKind(value: unknown): value is ReportItemKind {
  return ITEM_KINDS.some((k) => k === value);
}

/** private_metadata for a ClickOrigin (well under 3,000 characters: ids only). */
function originMetadata(origin: ClickOrigin): string {
  return JSON.stringify(origin).slice(0, VIEW_LIMITS.privateMetadata);
}

/**
 * The ClickOrigin in a view's private_metadata, or undefined when it is not one: not JSON, an id
 * missing or not a string, or a `kind` that is not an item kind (question, term, scenario). The
 * caller still checks its teamId against the signed payload's (the metadata came from the client).
 */
export function readOrigin(raw: string | undefined): ClickOrigin | undefined {
  try {
    const o = JSON.parse(raw ?? '') as Record<string, unknown> | null;
    if (typeof o?.teamId !== 'string' || typeof o.channelId !== 'string' || typeof o.itemId !== 'string') return undefined;
    const kind = o.kind;
    if (kind !== undefined && !isItemKind(kind)) return undefined;
    return {
      teamId: o.teamId,
      channelId: o.channelId,
      itemId: o.itemId,
      ...(typeof o.channelName === 'string' ? { channelName: o.channelName } : {}),
      ...(isItemKind(kind) ? { kind } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The report modal, from core's reason picker (`picker.menu`: its options and their encoded actions):
 * the reasons as radio buttons (at most 10) or a select, and an optional note of at most `maxNote`
 * characters (checked on submission, so the error shows on the field).
 */
export function reportModal(picker: Reply, origin: ClickOrigin, maxNote: number): View {
  const t = VIEWS_TEXT.report;
  const options = (picker.menu?.options ?? []).slice(0, VIEW_LIMITS.staticOptions).map((o) => option(o.label, encodeAction(o.action)));
  const reasonElement: types.RadioButtons | types.StaticSelect =
    options.length <= VIEW_LIMITS.radioOptions
      ? { type: 'radio_buttons', action_id: VIEW_IDS.reason.action, options }
      : { type: 'static_select', action_id: VIEW_IDS.reason.action, options };
  return {
    type: 'modal',
    callback_id: VIEW_IDS.reportModal,
    private_metadata: originMetadata(origin),
    title: plain(t.title, VIEW_LIMITS.modalTitle),
    submit: plain(t.submit, VIEW_LIMITS.modalButton),
    close: plain(t.close, VIEW_LIMITS.modalButton),
    blocks: [
      ...replyBlocks({ ...picker, menu: undefined, buttons: [] }).filter((b) => b.type !== 'actions'),
      { type: 'input', block_id: VIEW_IDS.reason.block, label: plain(t.reasonLabel, VIEW_LIMITS.inputLabel), element: reasonElement },
      {
        type: 'input',
        block_id: VIEW_IDS.note.block,
        optional: true,
        label: plain(t.noteLabel, VIEW_LIMITS.inputLabel),
        hint: plain(t.noteHint(maxNote), VIEW_LIMITS.inputHint),
        element: { type: 'plain_text_input', action_id: VIEW_IDS.note.action, multiline: true, max_length: VIEW_LIMITS.plainTextInput },
      },
    ],
  };
}

/** Rubric points per checkboxes element (Block Kit allows 10 options in one). */
const POINTS_PER_GROUP = 10;

/**
 * The scenario self-check modal, from core's checklist reply: the rubric points as checkboxes (in
 * groups of 10, block ids "points-0", "points-1", …, values the 0-based point index) and "none of
 * these" (checked on submission: exactly one of some points or none).
 */
export function selfCheckModal(checklist: Reply, origin: ClickOrigin): View {
  const t = VIEWS_TEXT.selfCheck;
  const points = checklist.checklist?.options ?? [];
  const groups: KnownBlock[] = [];
  for (let start = 0; start < points.length && groups.length < 80; start += POINTS_PER_GROUP) {
    const group = points.slice(start, start + POINTS_PER_GROUP);
    groups.push({
      type: 'input',
      block_id: `${VIEW_IDS.pointsPrefix}${start / POINTS_PER_GROUP}`,
      optional: true,
      label: plain(t.pointsLabel(start + 1, start + group.length), VIEW_LIMITS.inputLabel),
      element: {
        type: 'checkboxes',
        action_id: VIEW_IDS.pointsAction,
        options: group.map((p) => ({ text: { type: 'mrkdwn', text: truncateText(`${p.index + 1}. ${p.label}`, VIEW_LIMITS.optionText) }, value: String(p.index) })),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: VIEW_IDS.selfCheckModal,
    private_metadata: originMetadata(origin),
    title: plain(t.title, VIEW_LIMITS.modalTitle),
    submit: plain(t.submit, VIEW_LIMITS.modalButton),
    close: plain(t.close, VIEW_LIMITS.modalButton),
    blocks: [
      ...replyBlocks({ ...checklist, checklist: undefined, buttons: [] }).filter((b) => b.type !== 'actions'),
      ...groups,
      {
        type: 'input',
        block_id: VIEW_IDS.none.block,
        optional: true,
        label: plain(t.noneLabel, VIEW_LIMITS.inputLabel),
        hint: plain(t.hint, VIEW_LIMITS.inputHint),
        element: { type: 'checkboxes', action_id: VIEW_IDS.none.action, options: [option(t.none, 'none')] },
      },
    ],
  };
}
