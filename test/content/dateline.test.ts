import { describe, expect, it } from "vitest";
import { type LocalDateTime, parseDateline, toZonedTimestamp } from "../../src/content/dateline";

const local = (year: number, month: number, day: number, hour: number, minute: number): LocalDateTime => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe("parseDateline reads 12-hour times", () => {
  it.each([
    { input: "August 28, 2024 Hour: 9:04 am", out: local(2024, 8, 28, 9, 4) },
    { input: "August 28, 2024 Hour: 12:05 am", out: local(2024, 8, 28, 0, 5) },
    { input: "August 28, 2024 Hour: 12:30 pm", out: local(2024, 8, 28, 12, 30) },
    { input: "August 28, 2024 Hour: 1:00 PM", out: local(2024, 8, 28, 13, 0) },
    { input: "AUGUST 1, 2024 Hour: 11:59 P.M.", out: local(2024, 8, 1, 23, 59) },
    { input: "  May 9 2024 Hour:7:15am  ", out: local(2024, 5, 9, 7, 15) },
  ])("$input", ({ input, out }) => {
    expect(parseDateline(input)).toEqual({ ok: true, local: out });
  });
});

describe("toZonedTimestamp gives the exact instant with the zone's offset", () => {
  it.each([
    { zone: "UTC", at: local(2024, 8, 28, 9, 4), out: "2024-08-28T09:04:00+00:00" },
    { zone: "America/Caracas", at: local(2024, 8, 28, 9, 4), out: "2024-08-28T09:04:00-04:00" },
    { zone: "Asia/Kolkata", at: local(2024, 1, 1, 0, 5), out: "2024-01-01T00:05:00+05:30" },
    { zone: "Europe/Madrid", at: local(2024, 1, 15, 12, 0), out: "2024-01-15T12:00:00+01:00" },
    { zone: "Europe/Madrid", at: local(2024, 7, 15, 12, 0), out: "2024-07-15T12:00:00+02:00" },
    // Clocks went back at 2:00 am: 1:30 am happened twice; the earlier (daylight) one is taken.
    { zone: "America/New_York", at: local(2024, 11, 3, 1, 30), out: "2024-11-03T01:30:00-04:00" },
    // Clocks went forward at 2:00 am: 2:30 am never happened; it moves forward by the gap.
    { zone: "America/New_York", at: local(2024, 3, 10, 2, 30), out: "2024-03-10T03:30:00-04:00" },
  ])("$zone $at.month/$at.day $at.hour:$at.minute", ({ zone, at, out }) => {
    expect(toZonedTimestamp(at, zone)).toBe(out);
  });
});
