// linkify-it 5 ships no type declarations; these cover what test/infra/lazy-linkify-it.test.ts calls.
declare module 'linkify-it' {
  interface Match { schema: string; index: number; lastIndex: number; raw: string; text: string; url: string }
  interface LinkifyIt {
    tlds(list: string | string[], keepOld?: boolean): LinkifyIt;
    add(schema: string, definition: string | null | object): LinkifyIt;
    set(options: { fuzzyLink?: boolean; fuzzyEmail?: boolean; fuzzyIP?: boolean }): LinkifyIt;
    test(text: string): boolean;
    match(text: string): Match[] | null;
  }
  export default function linkifyIt(): LinkifyIt;
}
