// lazy-encoding-japanese.mjs stands in for encoding-japanese and has its shape.
import Encoding from 'encoding-japanese';
export default Encoding;
