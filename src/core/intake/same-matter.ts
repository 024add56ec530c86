import { stemmer } from 'stemmer';

const STOP = new Set(
  'a about after again all also am an and any are as at be been before being but by can could did do does for from get got had has have he her here him his how i if in into is it its just me my no not now of on or our out please re fwd fw so still that the their them then there they this to too up us was we were what when which who will with would you your yours hi hello dear thanks thank regards kind'.split(' '),
);

const contentStems = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => stemmer(w)),
  );

/**
 * Whether two texts are about the same matter: they share enough content words (stemmed, stop words dropped) that a
 * housing officer would put them on one case. Used only when no reference or reply header links a message.
 * @example sameMatter('Boiler not working', 'the boiler is still not working after the visit') // true
 */
export function sameMatter(caseSummary: string, message: string): boolean {
  const a = contentStems(caseSummary);
  const b = contentStems(message);
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  return shared >= Math.min(2, a.size) && shared / a.size >= 0.5;
}
