/**
 * What every adapter of ours shares: run a turn for an activity, and the operations our channels do not support
 * (editing or deleting a sent message). Each door only says how replies leave (`sendActivities`).
 */
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';

export abstract class BaseAdapter extends BotAdapter {
  constructor(protected readonly channelName: string) {
    super();
  }

  /** Runs one bot turn (middleware included) for an incoming activity. */
  async processActivity(activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async updateActivity(): Promise<void> {
    throw new Error(`updateActivity is not supported on ${this.channelName}`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`deleteActivity is not supported on ${this.channelName}`);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}
