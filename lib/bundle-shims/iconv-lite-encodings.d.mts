// Types of iconv-lite-encodings.mjs.
export declare function encodingsWith(loadGenerated: () => Record<string, unknown>): Record<string, unknown>;
