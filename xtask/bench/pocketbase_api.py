"""PocketBase's admin API, for the benchmarks' seeders: a collection created as a superuser."""

import json
import urllib.request


def call(url, body, token=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
    if token:
        request.add_header("authorization", token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def create_collection(base, email, password, collection):
    token = call(f"{base}/api/collections/_superusers/auth-with-password",
                 {"identity": email, "password": password})["token"]
    call(f"{base}/api/collections", collection, token)
