/**
 * INTERACTION_CREATE -> core -> interaction callback. One handler per interaction kind:
 *
 * - `/kms` and `/kms-admin` slash commands: options -> Command (command-options.ts) -> `tutor.handle`;
 *   the reply is ephemeral (flags 64) when its visibility is 'user', a normal channel reply otherwise.
 * - Context menus (context-menus.ts): "Study stats" on a user -> `stats`, "Report to admins" on a
 *   message -> the report of the item it carries, "Explain terms" on a message ->
 *   `tutor.explainTermsIn` with its text; answered privately.
 * - The "Show answer" button under a reveal (spoilers.ts): the message's own embeds, spoilers
 *   removed, privately to the clicker.
 * - Autocomplete on the options the registry gives a source (`explain term:` terms, `scenario
 *   name:` scenarios): `tutor.suggestTerms`/`suggestScenarios`,
 *   at most 25 choices with names and values of at most 100 characters; any problem gives an empty list.
 * - Buttons: custom id -> `decodeAction` -> `tutor.act`; an unknown or malformed id gets an
 *   ephemeral "I don't recognise that button". A "Share in channel" reply (visibility 'channel')
 *   is posted in the channel.
 * - The rubric select menu: its values (rubric indexes) -> a selfscore Action -> `tutor.act`.
 * - The report reason menu: its one value (an encoded report with a reason) -> `tutor.act`.
 *
 * Every interaction is answered within Discord's 3 s: work that posts to the channel (subcommands
 * whose registry entry says so: `quiz here`, `close`; the close button) is deferred first, and
 * anything else still running after `deferAfterMs` is deferred then. A reply too long for one message continues in follow-ups.
 * Errors never escape: they are logged and, where possible, the user gets an apology. The adapter's
 * own words follow the interaction's `locale` where the catalogue has it (locales.ts).
 */
import {
  MessageFlags,
  type APIEmbed,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ContextMenuCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { decodeAction, type Action } from '../../core/action.js';
import { postsToChannel } from '../../core/commands/registry.js';
import type { Context } from '../../core/context.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Reply } from '../../core/reply.js';
import type { TutorApi } from '../../core/tutor-api.js';
import { commandFromOptions } from './command-options.js';
import { COMMAND_NAME, contextMenuNamed, subcommandsOf } from './commands.js';
import { contextFromFacts, interactionFacts } from './context.js';
import { menuRequest, readTargetMessage, type MenuRequest, type TargetMessage } from './context-menus.js';
import { noticeMessage, renderReply, replyFlags, type DiscordMessage } from './embeds.js';
import { wordsFor } from './locales.js';
import { truncateText } from './markdown.js';
import { SHOW_ANSWER_ID, unspoiledEmbed } from './spoilers.js';
import { AUTOCOMPLETE_LIMITS } from './surface.js';
import type { DiscordWords } from './text.js';

/** Settings of the interaction router. */
export interface InteractionRouterOptions {
  tutor: TutorApi;
  logger: Logger;
  /** The clock for Context.now (default: the wall clock). */
  now?: () => Date;
  /** Defer any interaction whose work is still running after this many ms (default 2,000; Discord allows 3,000). */
  deferAfterMs?: number;
}

type Repliable = ChatInputCommandInteraction | ContextMenuCommandInteraction | MessageComponentInteraction;

/** How an interaction was acknowledged before its reply was ready. */
type Deferral = 'none' | 'reply' | 'update';

const TIMED_OUT = Symbol('timed out');

/** Options for discord.js's reply/followUp/editReply from a rendered message. */
function toReplyOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
    ...filesOption(message),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Options for editReply (the deferred "thinking" message keeps its own visibility). */
function toEditOptions(message: DiscordMessage): InteractionEditReplyOptions {
  return { embeds: message.embeds, components: message.components, allowedMentions: { parse: [] }, ...filesOption(message) };
}

/** discord.js `files` for a message's attachments (sent as multipart), or nothing. */
function filesOption(message: DiscordMessage): { files?: { attachment: Buffer; name: string; description: string }[] } {
  if (!message.files || message.files.length === 0) return {};
  return { files: message.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.description })) };
}

/** Routes interactions to core and answers them. */
export class InteractionRouter {
  private readonly tutor: TutorApi;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly deferAfterMs: number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: InteractionRouterOptions) {
    this.tutor = options.tutor;
    this.log = options.logger.child({ component: 'interactions' });
    this.now = options.now ?? (() => new Date());
    this.deferAfterMs = options.deferAfterMs ?? 2000;
  }

  /** Handle one interaction. Never rejects. */
  handle(interaction: Interaction): Promise<void> {
    const task = this.route(interaction)
      .catch(async (err: unknown) => {
        this.log.error({ err, interactionId: interaction.id, channelId: interaction.channelId }, 'Discord interaction failed');
        await this.apologise(interaction);
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    return task;
  }

  /** Resolves when every interaction being handled has been answered (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** After a failed answer: tell the user privately if the interaction can still be answered; never throws. */
  private async apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const message = toReplyOptions(noticeMessage(this.words(interaction).apology, 'error'), true);
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(message);
      else await interaction.reply(message);
    } catch (err) {
      this.log.warn({ err, interactionId: interaction.id, channelId: interaction.channelId }, 'could not tell the user that handling failed');
    }
  }

  private async route(interaction: Interaction): Promise<void> {
    this.log.debug(
      { interactionId: interaction.id, type: interaction.type, guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id },
      'Discord interaction',
    );
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isContextMenuCommand()) return this.contextMenu(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isStringSelectMenu()) return this.select(interaction);
    if (interaction.isRepliable()) {
      await interaction.reply({ ...toReplyOptions(noticeMessage(this.words(interaction).unknownButton), true) });
    }
  }

  private context(interaction: BaseInteraction): Context {
    return contextFromFacts(interactionFacts(interaction), this.now());
  }

  /** The adapter's own words in the interaction's locale (English where there is no translation). */
  private words(interaction: Pick<BaseInteraction, 'locale'>): DiscordWords {
    return wordsFor(interaction.locale);
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    if (!subcommandsOf(interaction.commandName)) {
      await interaction.reply(toReplyOptions(noticeMessage(this.words(interaction).onlyCommand(COMMAND_NAME)), true));
      return;
    }
    const command = commandFromOptions(interaction.options.data, interaction.commandName);
    const ctx = this.context(interaction);
    await this.respond(interaction, () => this.tutor.handle(command, ctx), postsToChannel(command));
  }

  /** A context menu command on a user or a message (context-menus.ts); answered privately. */
  private async contextMenu(interaction: ContextMenuCommandInteraction): Promise<void> {
    const words = this.words(interaction);
    const menu = contextMenuNamed(interaction.commandName);
    if (!menu) {
      await interaction.reply(toReplyOptions(noticeMessage(words.onlyCommand(COMMAND_NAME)), true));
      return;
    }
    const target = interaction.isUserContextMenuCommand()
      ? { userId: interaction.targetId }
      : interaction.isMessageContextMenuCommand()
        ? { message: targetMessage(interaction.targetMessage) }
        : {};
    const request = menuRequest(menu, target, words);
    const ctx = this.context(interaction);
    await this.respond(interaction, () => this.menuWork(request, ctx), false);
  }

  /** The Reply for a context menu's request. */
  private menuWork(request: MenuRequest, ctx: Context): Promise<Reply> {
    switch (request.kind) {
      case 'command':
        return this.tutor.handle(request.command, ctx);
      case 'action':
        return this.tutor.act(request.action, ctx);
      case 'explain':
        return this.tutor.explainTermsIn(request.text, ctx);
      case 'notice':
        return Promise.resolve({ visibility: 'user', tone: 'warning', blocks: [{ type: 'text', text: request.text }] });
    }
  }

  /** "Show answer" under a reveal: the message's embeds without their spoilers, privately. */
  private async showAnswer(interaction: ButtonInteraction): Promise<void> {
    const embeds = interaction.message.embeds.map((e) => unspoiledEmbed(e.toJSON() as APIEmbed));
    await interaction.reply({ embeds, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    if (interaction.customId === SHOW_ANSWER_ID) return this.showAnswer(interaction);
    const action = decodeAction(interaction.customId);
    if (!action) return this.unknownComponent(interaction);
    const ctx = this.context(interaction);
    await this.respond(interaction, () => this.tutor.act(action, ctx), action.kind === 'close');
  }

  private async select(interaction: StringSelectMenuInteraction): Promise<void> {
    const base = decodeAction(interaction.customId);
    if (base?.kind === 'report') return this.reasonPicked(interaction, base);
    const indexes = interaction.values.map((v) => (/^[0-9]$/.test(v) ? Number(v) : NaN));
    if (base?.kind !== 'selfscore' || indexes.some((n) => Number.isNaN(n))) return this.unknownComponent(interaction);
    const action: Action = { kind: 'selfscore', scenarioId: base.scenarioId, checked: [...new Set(indexes)].sort((a, b) => a - b) };
    const ctx = this.context(interaction);
    await this.respond(interaction, () => this.tutor.act(action, ctx), false);
  }

  /** The report reason menu: its one value is the encoded report with a reason, on the menu's own item. */
  private async reasonPicked(interaction: StringSelectMenuInteraction, base: Extract<Action, { kind: 'report' }>): Promise<void> {
    const picked = interaction.values.length === 1 ? decodeAction(interaction.values[0]) : null;
    if (picked?.kind !== 'report' || picked.reason === undefined || picked.target !== base.target || picked.id !== base.id) {
      return this.unknownComponent(interaction);
    }
    const ctx = this.context(interaction);
    await this.respond(interaction, () => this.tutor.act(picked, ctx), false);
  }

  private async unknownComponent(interaction: MessageComponentInteraction): Promise<void> {
    this.log.info({ customId: interaction.customId.slice(0, 100), channelId: interaction.channelId, userId: interaction.user.id }, 'unrecognised Discord component');
    await interaction.reply(toReplyOptions(noticeMessage(this.words(interaction).unknownButton), true));
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let choices: { name: string; value: string }[] = [];
    try {
      const focused = interaction.options.getFocused(true);
      const sub = interaction.options.getSubcommand(false);
      const query = String(focused.value ?? '').slice(0, 200);
      let suggestions: { label: string; value: string }[] = [];
      // The option's autocomplete source as its subcommand declares it (core registry).
      const source = subcommandsOf(interaction.commandName)
        ?.find((c) => c.name === sub)
        ?.options.find((o) => o.name === focused.name)?.autocomplete;
      // The guild's own imported decks are suggested to that guild only.
      const { platform, teamId } = this.context(interaction);
      if (source === 'terms') suggestions = this.tutor.suggestTerms(query, AUTOCOMPLETE_LIMITS.choices, { platform, teamId });
      else if (source === 'scenarios') suggestions = this.tutor.suggestScenarios(query, AUTOCOMPLETE_LIMITS.choices, { platform, teamId });
      choices = autocompleteChoices(suggestions);
    } catch (err) {
      this.log.warn({ err, channelId: interaction.channelId }, 'autocomplete failed; answering with no suggestions');
      choices = [];
    }
    await interaction.respond(choices);
  }

  /**
   * Run `work` and answer with its Reply. `deferFirst`: acknowledge before starting (deferReply,
   * ephemeral, for commands; deferUpdate for components). Otherwise defer only when the work is
   * still running after `deferAfterMs`.
   */
  private async respond(interaction: Repliable, work: () => Promise<Reply>, deferFirst: boolean): Promise<void> {
    let deferral: Deferral = 'none';
    const defer = async () => {
      if (deferral !== 'none') return;
      if (interaction.isMessageComponent()) {
        deferral = 'update';
        await interaction.deferUpdate();
      } else {
        deferral = 'reply';
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      }
    };
    if (deferFirst) await defer();

    const words = this.words(interaction);
    const pending = this.safely(work, interaction, words);
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      pending,
      new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), this.deferAfterMs);
      }),
    ]);
    clearTimeout(timer);
    if (early === TIMED_OUT) await defer();
    const reply = early === TIMED_OUT ? await pending : early;
    await this.send(interaction, reply, deferral, words);
  }

  /** `work()`, with a rejection (a bug: TutorApi never rejects for bad input) turned into an apology. */
  private async safely(work: () => Promise<Reply>, interaction: Repliable, words: DiscordWords): Promise<Reply> {
    try {
      return await work();
    } catch (err) {
      this.log.error({ err, channelId: interaction.channelId, userId: interaction.user.id }, 'core rejected a Discord interaction');
      return { visibility: 'user', tone: 'error', title: words.apologyTitle, blocks: [{ type: 'text', text: words.apology }] };
    }
  }

  /** Deliver a Reply given how the interaction was acknowledged so far. */
  private async send(interaction: Repliable, reply: Reply, deferral: Deferral, words: DiscordWords): Promise<void> {
    const messages = renderReply(reply, { words });
    const ephemeral = replyFlags(reply) === MessageFlags.Ephemeral;
    const [first, ...rest] = messages;
    if (!first) return;
    const followUps = async (list: DiscordMessage[]) => {
      for (const m of list) await interaction.followUp(toReplyOptions(m, ephemeral));
    };

    if (deferral === 'update') {
      // A component acknowledged silently: a quiet reply is already visible (e.g. the reveal).
      if (reply.quiet) return;
      await followUps(messages);
      return;
    }
    if (deferral === 'reply') {
      // Deferred ephemerally: the "thinking" message holds a private reply; a channel reply follows publicly.
      if (ephemeral) {
        await interaction.editReply(toEditOptions(first));
        await followUps(rest);
      } else {
        await followUps(messages);
        await interaction.editReply(toEditOptions(noticeMessage(words.postedInChannel, 'success')));
      }
      return;
    }
    if (reply.quiet && interaction.isMessageComponent()) {
      await interaction.deferUpdate();
      return;
    }
    await interaction.reply(toReplyOptions(first, ephemeral));
    await followUps(rest);
  }
}

/**
 * The parts of a context menu's target message the menus read (discord.js Message -> TargetMessage,
 * checked by readTargetMessage); undefined when Discord resolved no message (discord.js then gives
 * null, whatever its types say). A `content` missing or not text reads as "".
 */
function targetMessage(
  message: { content: unknown; embeds?: readonly { toJSON(): unknown }[]; components?: readonly { toJSON(): unknown }[] } | null | undefined,
): TargetMessage | undefined {
  if (!message) return undefined;
  return readTargetMessage({
    content: message.content,
    embeds: (message.embeds ?? []).map((e) => e.toJSON()),
    components: (message.components ?? []).map((row) => row.toJSON()),
  });
}

/**
 * Core suggestions -> Discord autocomplete choices: at most 25, names and values cut to 100
 * characters, empty ones and duplicate values dropped.
 */
export function autocompleteChoices(suggestions: readonly { label: string; value: string }[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const s of suggestions) {
    const name = truncateText(String(s.label ?? '').replace(/\s+/g, ' ').trim(), AUTOCOMPLETE_LIMITS.name);
    const value = String(s.value ?? '').slice(0, AUTOCOMPLETE_LIMITS.value);
    if (name === '' || value === '' || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length >= AUTOCOMPLETE_LIMITS.choices) break;
  }
  return out;
}
