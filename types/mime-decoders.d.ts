// he 1 and html-to-text 9 ship no type declarations; these cover what test/infra/lazy-decoders.test.ts calls.
declare module 'he' {
  interface He {
    version: string;
    encode(text: string, options?: object): string;
    decode(html: string, options?: object): string;
    escape(text: string): string;
    unescape(html: string, options?: object): string;
  }
  const he: He;
  export default he;
}

declare module 'html-to-text' {
  export function convert(html: string, options?: object): string;
  export function compile(options?: object): (html: string) => string;
  export const htmlToText: typeof convert;
}
