{
  "targets": [
    {
      "target_name": "praxiswache_discovery",
      "sources": ["discovery.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-std=gnu11"],
      "libraries": ["-lpthread"],
      "conditions": [["OS!='linux'", {"type": "none"}]]
    }
  ]
}
