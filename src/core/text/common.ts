/** Words several features' cards share: the share button, the "shared by" title, the chapter footer. */
export const CARD = {
  shareButton: 'Share in channel',
  /** A card's title once shared in the channel. */
  sharedTitle: (title: string, userName: string) => `${title} · shared by ${userName}`,
  /** "Chapter 8 · <section>" for a card's footer. */
  chapterFooter: (chapterNumber: number, section: string) => `Chapter ${chapterNumber} · ${section}`,
} as const;
