rootProject.name = "relay"
include(":app")
