// lazy-html-to-text.mjs stands in for html-to-text and has its shape.
export { compile, convert, htmlToText } from 'html-to-text';
