// The wasm package of www/pkg (built by `make build`), initialised once for
// every test of a file, with a segmenter of the whole dictionary.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const pkg = new URL('../../www/pkg/biaozhu.js', import.meta.url);

/** What a test gives `skip`: a reason while the package is not built. */
export const notBuilt = !existsSync(pkg) && 'www/pkg is not built (make build)';

let package_ = null;

/** The package's exports, initialised, and `segmenter`. */
export async function loaded() {
  if (!package_) {
    const mod = await import(pkg);
    await mod.default({ module_or_path: readFileSync(new URL('../../www/pkg/biaozhu_bg.wasm', import.meta.url)) });
    const segmenter = new mod.Segmenter(gunzipSync(readFileSync(new URL('../../www/dict/jieba.dict.gz', import.meta.url))));
    package_ = { ...mod, segmenter };
  }
  return package_;
}
