package archive

import "context"

// Get returns reply name from the archive or, when it is not there, from
// download, which it archives before returning. inspect checks a reply and
// counts its danmaku items; a downloaded reply that fails inspect is not
// archived (download should have rejected it, and retried). reused says
// whether the reply came from the archive.
func (d Dir) Get(ctx context.Context, name string, download func(context.Context) ([]byte, error),
	inspect func([]byte) (int, error)) (body []byte, items int, reused bool, err error) {
	if b, err := d.Read(name); err == nil {
		if n, err := inspect(b); err == nil {
			return b, n, true, nil
		}
		// An archived reply that no longer inspects well (written by an
		// older version, or edited) is fetched again.
	}
	body, err = download(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	n, err := inspect(body)
	if err != nil {
		return nil, 0, false, err
	}
	if err := d.Write(name, body); err != nil {
		return nil, 0, false, err
	}
	return body, n, false, nil
}
