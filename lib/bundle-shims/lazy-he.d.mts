// lazy-he.mjs stands in for he and has its shape.
import he from 'he';
export default he;
/** he.encode(text) with its default options, without loading he. */
export declare function encodeAsHe(text: string): string;
