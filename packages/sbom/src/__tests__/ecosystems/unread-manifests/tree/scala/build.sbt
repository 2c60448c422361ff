libraryDependencies += "org.typelevel" %% "cats-core" % "2.10.0"
