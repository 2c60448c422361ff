dependencies {
    implementation(libs.ktor.server.core)
    implementation("com.google.guava:guava:33.2.1-jre")
    testImplementation("io.mockk:mockk:1.13.11")
    implementation("org.slf4j:slf4j-api:$slf4jVersion")
}
