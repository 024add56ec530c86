// lazy-linkify-it.mjs stands in for linkify-it and has its shape.
export { default } from 'linkify-it';
