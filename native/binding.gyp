{
  "targets": [
    {
      "target_name": "praxiswache_discovery",
      "sources": ["addon.c", "engine.c", "worker.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-std=gnu11"],
      "libraries": ["-lpthread"],
      "conditions": [["OS!='linux'", {"type": "none"}]]
    }
  ]
}
