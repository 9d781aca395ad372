/**
 * The terminal channel's own words (the start-up banner is in banner.ts; everything else users read
 * comes from core's catalogues in src/core/text/).
 */

/** Printed when a command failed unexpectedly (a bug); the details are in the log. */
export const APOLOGY = 'Sorry — something went wrong on my side (it has been logged). Please try again.';
