/** The dateline, `August 28, 2024 Hour: 9:04 am`, read in an IANA time zone into an exact instant. */

/** English month names, as datelines spell them. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const LOWER_CASE_MONTHS: readonly string[] = MONTH_NAMES.map((month) => month.toLowerCase());

/** A block is meant as a dateline when it looks like `<Month> <day>, <year> Hour: ...`. */
const DATELINE_SHAPE = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s+Hour:\s*(.*)$/i;
const TWELVE_HOUR_TIME = /^(\d{1,2}):(\d{2})\s*([ap])\.?\s*m\.?$/i;

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type DatelineResult = { ok: true; local: LocalDateTime } | { ok: false; message: string };

/** Whether a line is meant as a dateline (it may still name an impossible date). */
export function looksLikeDateline(line: string): boolean {
  return DATELINE_SHAPE.test(line.trim());
}

/**
 * Reads a dateline's calendar date and 12-hour time; 12:05 am is five past midnight.
 *
 * @example parseDateline("August 28, 2024 Hour: 9:04 am") // { ok: true, local: { year: 2024, month: 8, day: 28, hour: 9, minute: 4 } }
 */
export function parseDateline(line: string): DatelineResult {
  const text = line.trim();
  const shape = DATELINE_SHAPE.exec(text);
  if (!shape) {
    return { ok: false, message: `"${text}" is not a dateline like "August 28, 2024 Hour: 9:04 am"` };
  }
  const [, monthName = "", dayText = "", yearText = "", timeText = ""] = shape;
  const month = LOWER_CASE_MONTHS.indexOf(monthName.toLowerCase()) + 1;
  if (month === 0) {
    return { ok: false, message: `dateline "${text}" names no month: "${monthName}"` };
  }
  const year = Number(yearText);
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `dateline "${text}" is not a real date` };
  }
  const time = TWELVE_HOUR_TIME.exec(timeText.trim());
  if (!time) {
    return { ok: false, message: `dateline "${text}" has no 12-hour time like "9:04 am"` };
  }
  const [, hourText = "", minuteText = "", meridiem = ""] = time;
  const hour12 = Number(hourText);
  const minute = Number(minuteText);
  if (hour12 < 1 || hour12 > 12 || minute > 59) {
    return { ok: false, message: `dateline "${text}" is not a real time: "${timeText.trim()}"` };
  }
  const hour = (hour12 % 12) + (meridiem.toLowerCase() === "p" ? 12 : 0);
  return { ok: true, local: { year, month, day, hour, minute } };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `timeZone` is an IANA zone name the runtime knows, e.g. `America/Caracas`. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Zone -> UTC day -> the offset in force all that day; formatToParts is the build's slowest call. */
const dayOffsets = new Map<string, Map<number, number>>();
const DAY_MS = 86_400_000;

/**
 * The zone's offset from UTC at an instant, in minutes. A day whose first and last second have
 * the same offset is remembered as one offset (zones change offset at most a few times a year,
 * never twice within a day), so a build of many articles asks Intl once or twice per day.
 */
function offsetMinutesAt(instant: number, timeZone: string): number {
  let days = dayOffsets.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(instant / DAY_MS);
  const known = days.get(day);
  if (known !== undefined) return known;
  const first = exactOffsetMinutesAt(day * DAY_MS, timeZone);
  if (first === exactOffsetMinutesAt((day + 1) * DAY_MS - 1000, timeZone)) {
    days.set(day, first);
    return first;
  }
  return exactOffsetMinutesAt(instant, timeZone);
}

function exactOffsetMinutesAt(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
  return Math.round((wallClock - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The RFC 3339 timestamp, with the zone's offset, of a wall-clock time in `timeZone`.
 * A time that happens twice (clocks going back) is the earlier one; a time that never happens
 * (clocks going forward) moves forward by the gap, as Temporal's "compatible" choice does.
 *
 * @example toZonedTimestamp({ year: 2024, month: 8, day: 28, hour: 9, minute: 4 }, "America/Caracas") // "2024-08-28T09:04:00-04:00"
 */
export function toZonedTimestamp(local: LocalDateTime, timeZone: string): string {
  const asIfUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsets = [offsetMinutesAt(asIfUtc - DAY_MS, timeZone), offsetMinutesAt(asIfUtc + DAY_MS, timeZone)];
  const instants = offsets
    .map((offset) => asIfUtc - offset * 60_000)
    .filter((instant, i) => offsetMinutesAt(instant, timeZone) === offsets[i]);
  // In a gap neither offset fits: read the time with the offset in force before the gap.
  const instant = instants.length > 0 ? Math.min(...instants) : asIfUtc - (offsets[0] ?? 0) * 60_000;
  return formatTimestamp(instant, offsetMinutesAt(instant, timeZone));
}

/**
 * An instant as RFC 3339 in the offset `timeZone` has at that instant.
 *
 * @example formatInZone(Date.UTC(2024, 8, 1, 14, 30), "America/Caracas") // "2024-09-01T10:30:00-04:00"
 */
export function formatInZone(instant: number, timeZone: string): string {
  return formatTimestamp(instant, offsetMinutesAt(instant, timeZone));
}

/** Formats an instant as RFC 3339 in the given offset, e.g. `2024-08-28T09:04:00-04:00`. */
export function formatTimestamp(instant: number, offsetMinutes: number): string {
  const wall = new Date(instant + offsetMinutes * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}
